"""Builders shared by the sign-up tests: an open circle and a filled-in form."""

from __future__ import annotations

import datetime
import time
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth.models import User
from django.core import signing

from circles.forms.signup import STARTED_SALT
from circles.models import Circle
from tests.factories import make_circle, make_session

# Before the circles built here start and end; sign-ups close when a circle is over.
BEFORE_THE_CIRCLES = datetime.datetime(2027, 1, 15, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def before_the_circles() -> time_machine.travel:
    """The clock at BEFORE_THE_CIRCLES, still ticking; a test may travel further inside it."""
    return time_machine.travel(BEFORE_THE_CIRCLES, tick=True)


def open_circle(
    project_leader: User,
    facilitators: tuple[User, ...] = (),
    *,
    first_session: datetime.date = datetime.date(2027, 3, 2),
    **fields: Any,
) -> Circle:
    """A published circle with four weekly sessions, from 2 March 2027 unless told otherwise."""
    circle = make_circle(project_leader, status=Circle.Status.PUBLISHED, **fields)
    for week in range(4):
        make_session(circle, first_session + datetime.timedelta(weeks=week), facilitators=list(facilitators))
    return circle


def started(seconds_ago: int = 60) -> str:
    signer = signing.TimestampSigner(salt=STARTED_SALT)
    return signer.sign(str(int(time.time()) - seconds_ago))


# What registration_create receives from a valid form (services tests, no form involved).
SERVICE_FIELDS = {
    "first_name": "Fatima",
    "last_name": "El Amrani",
    "email": "fatima@example.org",
    "phone": "",
    "organisation": "wijkteam",
    "team": "Hoogvliet",
    "function": "wijkteammedewerker",
    "learning_question": "",
}


def signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "email": "Fatima.ElAmrani@Example.org",
        "phone": "010 123 45 67",
        "organisation": "wijkteam",
        "team": "Hoogvliet",
        "function": "wijkteammedewerker",
        "learning_question": "Hoe betrek ik het netwerk van een gezin?",
        "privacy": "on",
        "website": "",
        "started": started(),
    }
    data.update(overrides)
    return data

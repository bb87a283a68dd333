"""Builders shared by the sign-up tests: an open circle and a filled-in form."""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.contrib.auth.models import User
from django.core import signing

from circles.forms.signup import STARTED_SALT
from circles.models import Circle
from tests.factories import make_circle, make_session

SESSION_DAYS = (2, 9, 16, 23)


def open_circle(project_leader: User, facilitators: tuple[User, ...] = (), **fields: Any) -> Circle:
    """A published circle with four sessions in March 2027."""
    circle = make_circle(project_leader, status=Circle.Status.PUBLISHED, **fields)
    for day in SESSION_DAYS:
        make_session(circle, datetime.date(2027, 3, day), facilitators=list(facilitators))
    return circle


def started(seconds_ago: int = 60) -> str:
    signer = signing.TimestampSigner(salt=STARTED_SALT)
    return signer.sign(str(int(time.time()) - seconds_ago))


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

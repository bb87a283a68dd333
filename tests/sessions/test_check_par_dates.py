"""`manage.py check_par_dates` lists stored data that breaks the PAR cycle's dates, and changes nothing."""

from __future__ import annotations

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command

from sessions.models import Outcome
from tests.factories import circle_with_sessions, record_attendance

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CIRCLE = "Leerkring 1 - Methodiekontwikkeling"


def _listing() -> list[str]:
    out = StringIO()
    call_command("check_par_dates", stdout=out)
    return out.getvalue().splitlines()


def test_lists_each_verslag_and_attendance_with_false_dates_and_changes_nothing(
    projectleider: User, begeleider: User
) -> None:
    _circle, (first, second, third) = circle_with_sessions(projectleider, [begeleider])  # 2, 9, 16 March 2027
    established = Outcome.objects.create(
        session=first,
        status=Outcome.Status.ESTABLISHED,
        submitted_at=datetime.datetime(2027, 3, 12, 10, tzinfo=AMSTERDAM),
        established_at_session=second,
        established_at=datetime.datetime(2027, 3, 20, 10, tzinfo=AMSTERDAM),
    )
    Outcome.objects.create(
        session=second, status=Outcome.Status.SUBMITTED, submitted_at=datetime.datetime(2027, 3, 1, tzinfo=AMSTERDAM)
    )
    with time_machine.travel(datetime.datetime(2027, 3, 10, 12, tzinfo=AMSTERDAM)):
        record_attendance(third)
    with time_machine.travel(datetime.datetime(2027, 4, 1, 12, tzinfo=AMSTERDAM)):
        record_attendance(first)  # after its date: fine
        lines = _listing()

    assert lines == [
        f"{CIRCLE} · bijeenkomst 1 (2 maart 2027): vastgesteld tijdens bijeenkomst 2 (9 maart 2027): "
        "Bijeenkomst 2 (9 maart 2027) was vóór het indienen van dit verslag op 12 maart 2027. "
        "Een verslag wordt vastgesteld tijdens een bijeenkomst op of na de dag van indienen.",
        f"{CIRCLE} · bijeenkomst 2 (9 maart 2027): verslag ingediend op 1 maart 2027, vóór de bijeenkomst zelf",
        f"{CIRCLE} · bijeenkomst 3 (16 maart 2027): aanwezigheid vastgelegd op 10 maart 2027, vóór de bijeenkomst zelf",
        "3 problemen gevonden; er is niets gewijzigd.",
    ]
    established.refresh_from_db()
    assert (established.status, established.established_at_session) == (Outcome.Status.ESTABLISHED, second)


def test_says_so_when_every_date_holds(projectleider: User, begeleider: User) -> None:
    _circle, (first, second, _third) = circle_with_sessions(projectleider, [begeleider])
    Outcome.objects.create(
        session=first,
        status=Outcome.Status.ESTABLISHED,
        submitted_at=datetime.datetime(2027, 3, 2, 17, tzinfo=AMSTERDAM),
        established_at_session=second,
        established_at=datetime.datetime(2027, 3, 9, 16, tzinfo=AMSTERDAM),
    )

    assert _listing() == ["Alle verslagen en aanwezigheid volgen de data van de PAR-cyclus."]

""" "Mijn bijeenkomsten" shows per session where its verslag stands and the way to it."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from sessions.models import Outcome
from tests.circles.planning_helpers import ready_circle

pytestmark = pytest.mark.django_db


def _row(page: str, number: int) -> str:
    rows = re.findall(r"<tr>.*?</tr>", page, flags=re.S)
    [row] = [row for row in rows if f"Bijeenkomst {number}<" in row or f"Bijeenkomst {number} " in row]
    return " ".join(row.split())


@time_machine.travel(datetime.datetime(2027, 3, 20, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False)
def test_each_row_shows_the_verslag_status_and_what_the_facilitator_can_do(
    client: Client, projectleider: User, begeleider: User
) -> None:
    circle = ready_circle(projectleider, [begeleider])
    first, second, third, _fourth = circle.sessions.order_by("number")
    Outcome.objects.create(
        session=first, status=Outcome.Status.ESTABLISHED, established_at_session=second, established_by=projectleider
    )
    Outcome.objects.create(session=second, status=Outcome.Status.SUBMITTED)
    Outcome.objects.create(session=third)
    client.force_login(begeleider)

    page = client.get("/bijeenkomsten/mijn/").content.decode()

    expected = {
        1: ("Vastgesteld", "Verslag lezen"),
        2: ("Ingediend", "Verslag bewerken"),
        3: ("Concept", "Verslag bewerken"),
        4: ("Nog geen verslag", "Verslag schrijven"),
    }
    for number, (status, button) in expected.items():
        row = _row(page, number)
        assert f">{status}</span>" in row, number
        assert f">{button}</a>" in row, number
        assert ">Aanwezigheid</a>" in row, number
    assert "Verslag bewerken" not in _row(page, 1)
    assert "Verslag lezen" not in _row(page, 4)

"""Calendar feeds (.ics) and the facilitator's page "Mijn bijeenkomsten".

"Mijn bijeenkomsten" shows per session where its verslag stands and the way to it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from icalendar import Calendar
from pytest_django import DjangoAssertNumQueries

from circles.models import Circle
from circles.services.registrations import registration_create
from sessions.models import CalendarToken, Outcome
from tests.factories import MARCH, SERVICE_FIELDS, make_circle, make_session, ready_circle

pytestmark = pytest.mark.django_db


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def events(body: bytes) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(body)
    return [
        {
            "summary": str(event["summary"]),
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "location": str(event.get("location", "")),
            "uid": str(event["uid"]),
        }
        for event in calendar.walk("VEVENT")
    ]


def test_the_circle_feed_holds_every_session(client: Client, projectleider: User, begeleider: User) -> None:
    circle = ready_circle(projectleider, [begeleider], status=Circle.Status.PUBLISHED)
    first = circle.sessions.get(number=1)
    response = client.get(f"/leerkringen/{circle.code}/agenda.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="leerkring-1-methodiekontwikkeling.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "Leerkring 1 - Methodiekontwikkeling"
    found = events(response.content)
    assert [event["summary"] for event in found] == [
        f"Leerkring 1 - Methodiekontwikkeling – bijeenkomst {n}" for n in (1, 2, 3, 4)
    ]
    assert found[0]["start"] == datetime.datetime(2027, 3, 2, 13, 0, tzinfo=AMSTERDAM)
    assert found[0]["end"] == datetime.datetime(2027, 3, 2, 16, 0, tzinfo=AMSTERDAM)
    assert found[0]["location"] == "Museumpark 40, Rotterdam"
    assert found[0]["uid"] == f"{first.code}@leerkring"
    assert b"TZID=Europe/Amsterdam" in response.content
    assert b"BEGIN:VTIMEZONE" in response.content


def test_a_concept_calendar_is_not_public(client: Client, projectleider: User, staf: User) -> None:
    circle = ready_circle(projectleider, [])
    assert client.get(f"/leerkringen/{circle.code}/agenda.ics").status_code == 404
    client.force_login(staf)
    assert client.get(f"/leerkringen/{circle.code}/agenda.ics").status_code == 200


def test_the_private_feed_holds_only_the_facilitators_own_sessions(
    client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider])
    theirs = make_circle(projectleider, name="Andere kring")
    make_session(theirs, datetime.date(2027, 4, 6), facilitators=[begeleider2])
    cancelled = make_circle(projectleider, name="Geannuleerde kring", status=Circle.Status.CANCELLED)
    make_session(cancelled, datetime.date(2027, 4, 13), facilitators=[begeleider])
    other = make_circle(projectleider, name="Themaleerkring")
    make_session(other, datetime.date(2027, 5, 4), "09:30", "12:30", facilitators=[begeleider])
    client.force_login(begeleider)
    page = client.get("/bijeenkomsten/mijn/").content.decode()
    token = CalendarToken.objects.get(user=begeleider).token
    assert f"http://testserver/bijeenkomsten/agenda/{token}.ics" in page
    client.logout()

    response = client.get(f"/bijeenkomsten/agenda/{token}.ics")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert [event["summary"] for event in events(response.content)] == [
        *[f"{circle.name} – bijeenkomst {n}" for n in (1, 2, 3, 4)],
        "Themaleerkring – bijeenkomst 1",
    ]
    assert str(Calendar.from_ical(response.content)["x-wr-calname"]) == (
        "Leerkring – bijeenkomsten van Berry van den Bos"
    )


def test_a_new_link_replaces_the_old_one(client: Client, begeleider: User, projectleider: User) -> None:
    ready_circle(projectleider, [begeleider])
    client.force_login(begeleider)
    client.get("/bijeenkomsten/mijn/")
    old = CalendarToken.objects.get(user=begeleider).token
    response = client.post("/bijeenkomsten/agenda/nieuwe-link/", follow=True)
    assert "Er is een nieuwe agendalink gemaakt; de oude werkt niet meer." in response.content.decode()
    new = CalendarToken.objects.get(user=begeleider).token
    assert new != old and len(new) >= 40
    assert client.get(f"/bijeenkomsten/agenda/{old}.ics").status_code == 404
    assert client.get(f"/bijeenkomsten/agenda/{new}.ics").status_code == 200


@time_machine.travel(datetime.datetime(2027, 3, 10, 9, 0, tzinfo=AMSTERDAM), tick=False)
def test_my_sessions_lists_upcoming_first_then_the_past(
    client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    later = make_circle(projectleider, name="Themaleerkring Netwerken")
    make_session(later, datetime.date(2027, 3, 11), "09:00", "12:00", facilitators=[begeleider])
    make_session(make_circle(projectleider, name="Niet de mijne"), MARCH[1], "09:00", "12:00", facilitators=[])
    client.force_login(begeleider)

    response = client.get("/bijeenkomsten/mijn/")

    upcoming = [(s.circle.name, s.date.day) for s in response.context["upcoming"]]
    past = [(s.circle.name, s.date.day) for s in response.context["past"].object_list]
    assert upcoming == [("Themaleerkring Netwerken", 11), (circle.name, 16), (circle.name, 23)]
    assert past == [(circle.name, 9), (circle.name, 2)]
    page = response.content.decode()
    assert (
        page.index("Komende bijeenkomsten")
        < page.index("Themaleerkring Netwerken")
        < page.index("Eerdere bijeenkomsten")
    )
    assert "Henk Koetsveld" in page  # who guides it with me
    assert "Niet de mijne" not in page
    assert f'href="/leerkringen/{circle.code}/"' in page


def test_my_sessions_names_who_guides_it_with_me_by_surname(
    client: Client, projectleider: User, begeleider2: User, staf: User, begeleider: User
) -> None:
    # De Wit is stored before van den Bos; read under W and B.
    make_session(make_circle(projectleider), MARCH[0], facilitators=[begeleider2, staf, begeleider])
    client.force_login(begeleider2)
    page = client.get("/bijeenkomsten/mijn/").content.decode()
    assert "Berry van den Bos<br>Sanne de Wit<br>" in page


def test_my_sessions_when_there_are_none(client: Client, begeleider: User) -> None:
    client.force_login(begeleider)
    page = client.get("/bijeenkomsten/mijn/").content.decode()
    assert "U begeleidt nog geen bijeenkomsten." in page
    assert not CalendarToken.objects.exists()


@time_machine.travel(datetime.datetime(2027, 3, 10, 9, 0, tzinfo=AMSTERDAM), tick=False)
def test_my_sessions_runs_a_fixed_number_of_queries(
    client: Client,
    projectleider: User,
    begeleider: User,
    begeleider2: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """On 10 March two of each circle's sessions have passed and two are to come."""
    client.force_login(begeleider)
    ready_circle(projectleider, [begeleider, begeleider2])
    client.get("/bijeenkomsten/mijn/")
    with django_assert_max_num_queries(11) as few:
        response = client.get("/bijeenkomsten/mijn/")
    assert (len(response.context["upcoming"]), len(response.context["past"])) == (2, 2)
    for n in range(5):
        more = ready_circle(projectleider, [begeleider, begeleider2], name=f"Leerkring {n + 2}")
        first, second = more.sessions.order_by("number")[:2]
        Outcome.objects.create(session=first, status=Outcome.Status.ESTABLISHED, established_at_session=second)
        Outcome.objects.create(session=second)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/bijeenkomsten/mijn/")

    upcoming, past = response.context["upcoming"], response.context["past"]
    assert (len(upcoming), upcoming.has_next, len(past), past.has_next) == (10, True, 12, False)
    # The pages do not count every session: "Pagina 1", then the next page has the remaining two.
    assert "Pagina 1</span>" in response.content.decode()
    assert len(client.get("/bijeenkomsten/mijn/?komend=2").context["upcoming"]) == 2


def _rows(client: Client, query: str = "") -> int:
    return client.get(f"/bijeenkomsten/mijn/{query}").content.decode().count("<tr>") - 2


@time_machine.travel(datetime.datetime(2027, 3, 10, 9, 0, tzinfo=AMSTERDAM), tick=False)
def test_my_sessions_shows_as_many_rows_for_100_circles_as_for_10(
    client: Client,
    projectleider: User,
    begeleider: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """The coming weeks first, ten at a time; earlier sessions twenty at a time; each pager keeps the other's place."""
    client.force_login(begeleider)
    for n in range(10):
        ready_circle(projectleider, [begeleider], name=f"Leerkring {n:03d}")
    rows_at_ten = _rows(client)
    client.get("/bijeenkomsten/mijn/")
    with django_assert_max_num_queries(11) as ten:
        client.get("/bijeenkomsten/mijn/")
    for n in range(10, 100):
        ready_circle(projectleider, [begeleider], name=f"Leerkring {n:03d}")

    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get("/bijeenkomsten/mijn/")
    assert _rows(client) == rows_at_ten == 10 + 20
    first = [session.date.day for session in response.context["upcoming"]]
    assert first == [16] * 10  # 16 March, the soonest, before any of 23 March
    page = response.content.decode()
    assert 'href="?komend=2"' in page and 'href="?pagina=2"' in page
    assert 'href="?pagina=3&amp;komend=2"' in _page(client, "?pagina=3")
    later = _page(client, "?pagina=3&komend=2")
    assert 'href="?pagina=3&amp;komend=3"' in later and 'href="?komend=2&amp;pagina=4"' in later


def _page(client: Client, query: str) -> str:
    return client.get(f"/bijeenkomsten/mijn/{query}").content.decode()


def test_an_english_visitor_gets_english_event_names(client: Client, projectleider: User, begeleider: User) -> None:
    circle = ready_circle(projectleider, [begeleider], status=Circle.Status.PUBLISHED)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    found = events(client.get(f"/leerkringen/{circle.code}/agenda.ics").content)
    assert found[0]["summary"] == "Leerkring 1 - Methodiekontwikkeling – session 1"


def test_an_english_participants_mail_carries_an_english_calendar(
    projectleider: User, begeleider: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    circle = ready_circle(projectleider, [begeleider], status=Circle.Status.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(circle=circle, fields={**SERVICE_FIELDS, "email": "jane@example.org"}, language="en")
    [message] = mail.outbox
    [(_name, body, _type)] = message.attachments
    assert [event["summary"] for event in events(body)][:2] == [
        "Leerkring 1 - Methodiekontwikkeling – session 1",
        "Leerkring 1 - Methodiekontwikkeling – session 2",
    ]


# "Mijn bijeenkomsten" shows per session where its verslag stands and the way to it.


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

"""The attendance page: confirmed participants present by default, guests, derived and entered counts."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Function, Registration
from sessions.models import Attendance, AttendanceCount, Outcome
from sessions.selectors import attendance_by_function, attendance_sentence
from tests.factories import circle_with_sessions, make_registration, on_the_day
from tests.pages import FormValues


@pytest.fixture(autouse=True)
def on_the_first_session_day() -> Iterator[None]:
    """Attendance is recorded from the session's own date (2 March 2027) on."""
    with on_the_day(datetime.date(2027, 3, 2)):
        yield


@pytest.fixture
def setup(projectleider: User, begeleider: User) -> dict:
    circle, sessions = circle_with_sessions(projectleider, [begeleider])
    people = [
        make_registration(circle, "anna@example.org", first_name="Anna"),
        make_registration(circle, "bram@example.org", first_name="Bram"),
        make_registration(circle, "cor@example.org", first_name="Cor", function=Function.WIJKTEAMLEIDER),
        make_registration(circle, "dirk@example.org", first_name="Dirk", status=Registration.Status.WAITLIST),
    ]
    return {"session": sessions[0], "people": people, "url": f"/bijeenkomsten/{sessions[0].code}/aanwezigheid/"}


@pytest.mark.django_db
def test_confirmed_participants_are_listed_and_present_by_default(
    client: Client, begeleider: User, setup: dict
) -> None:
    client.force_login(begeleider)
    page = client.get(setup["url"]).content.decode()
    assert "Anna de Vries · Wijkteammedewerker, Charlois" in page
    assert "Dirk" not in page
    parser = FormValues(setup["url"])
    parser.feed(page)
    checked = [value for name, value in parser.values if name == "present"]
    assert checked == [str(p.pk) for p in setup["people"][:3]]


@pytest.mark.django_db
def test_one_submit_records_absence_and_guests_and_derives_the_counts(
    client: Client, begeleider: User, setup: dict
) -> None:
    anna, bram, cor, _dirk = setup["people"]
    client.force_login(begeleider)
    response = client.post(
        setup["url"],
        {
            "formulier": "individueel",
            "present": [anna.pk, cor.pk],
            "gast-TOTAL_FORMS": "2",
            "gast-INITIAL_FORMS": "0",
            "gast-0-name": "Gerda Gast",
            "gast-0-organisation": "gemeente",
            "gast-0-function": Function.BELEIDSMEDEWERKER,
            "gast-1-name": "",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "De aanwezigheid is opgeslagen." in page
    assert "3 deelnemers: 1 wijkteammedewerker, 1 wijkteamleider en 1 beleidsmedewerker" in page
    assert Attendance.objects.get(session=setup["session"], registration=bram).present is False
    assert Attendance.objects.get(session=setup["session"], guest_name="Gerda Gast").guest_organisation == "gemeente"


@pytest.mark.django_db
def test_guest_without_function_is_refused_and_the_name_kept(client: Client, begeleider: User, setup: dict) -> None:
    client.force_login(begeleider)
    response = client.post(
        setup["url"],
        {"formulier": "individueel", "gast-TOTAL_FORMS": "1", "gast-INITIAL_FORMS": "0", "gast-0-name": "Gerda Gast"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Gast 1, functie: Dit veld is verplicht." in page
    assert 'value="Gerda Gast"' in page
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_counts_entered_directly_when_nobody_took_attendance(client: Client, begeleider: User, setup: dict) -> None:
    client.force_login(begeleider)
    response = client.post(
        setup["url"],
        {
            "formulier": "aantallen",
            "wijkteammedewerker": "8",
            "vraagwijzermedewerker": "5",
            "wijkteamleider": "4",
            "beleidsmedewerker": "5",
            "onderzoeker_docent": "4",
            "anders": "",
        },
        follow=True,
    )
    sentence = (
        "26 deelnemers: 8 wijkteammedewerkers, 5 vraagwijzermedewerkers, 4 wijkteamleiders, "
        "5 beleidsmedewerkers en 4 onderzoekers of docenten"
    )
    assert sentence in response.content.decode()
    assert AttendanceCount.objects.filter(session=setup["session"]).count() == 6


@pytest.mark.django_db
def test_negative_count_is_refused(client: Client, begeleider: User, setup: dict) -> None:
    client.force_login(begeleider)
    response = client.post(setup["url"], {"formulier": "aantallen", "wijkteammedewerker": "-1"})
    assert response.status_code == 400
    assert "Wijkteammedewerker: Een aantal kan niet negatief zijn." in response.content.decode()


@pytest.mark.django_db
def test_individual_attendance_replaces_entered_counts(client: Client, begeleider: User, setup: dict) -> None:
    AttendanceCount.objects.create(session=setup["session"], function=Function.ANDERS, count=12)
    client.force_login(begeleider)
    client.post(
        setup["url"],
        {
            "formulier": "individueel",
            "present": [setup["people"][0].pk],
            "gast-TOTAL_FORMS": "0",
            "gast-INITIAL_FORMS": "0",
        },
    )
    assert attendance_by_function(setup["session"]) == {"wijkteammedewerker": 1}


@pytest.mark.django_db
def test_attendance_is_fixed_once_the_verslag_is_established(client: Client, begeleider: User, setup: dict) -> None:
    Outcome.objects.create(session=setup["session"], status=Outcome.Status.ESTABLISHED)
    client.force_login(begeleider)
    page = client.get(setup["url"]).content.decode()
    assert "Aanwezigheid opslaan" not in page
    response = client.post(setup["url"], {"formulier": "aantallen", "anders": "3"}, follow=True)
    assert "de aanwezigheid ligt daarmee vast" in response.content.decode()
    assert not AttendanceCount.objects.exists()


def test_sentence_uses_singular_and_plural() -> None:
    assert attendance_sentence({"wijkteamleider": 1}) == "1 deelnemer: 1 wijkteamleider"
    assert attendance_sentence({}) == ""

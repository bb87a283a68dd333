"""The public part of the kennisbank: anonymous visitors find only "openbaar" verslagen, and no
page of it carries personal data (no e-mail address, no participant, guest, owner or leader's
name, facilitators only when they agreed)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings

from circles.models import FacilitatorProfile
from sessions.models import Outcome
from tests.sessions.kennisbank_data import established, openbaar_full_of_names, personal_data_in

Level = Outcome.Publication
pytestmark = pytest.mark.django_db


@pytest.fixture
def public(projectleider: User, begeleider: User, begeleider2: User) -> Outcome:
    return openbaar_full_of_names(projectleider, [begeleider, begeleider2])


def test_anonymous_visitors_find_only_openbaar_verslagen(client: Client, public: Outcome) -> None:
    circle = public.session.circle
    for level in (Level.INTERN, Level.WERKPLAATS):
        established(circle, datetime.date(2026, 4, 2), question=f"Wijkteam {level}", publication=level)
    response = client.get("/kennisbank/openbaar/?q=wijkteam")
    assert [outcome.pk for outcome, _ in response.context["hits"]] == [public.pk]
    assert [outcome.pk for outcome, _ in client.get("/kennisbank/openbaar/").context["hits"]] == [public.pk]
    page = response.content.decode()
    assert f'href="/kennisbank/openbaar/{public.session.code}/"' in page
    assert "/verslag/" not in page
    assert "/rapporten/" not in page


def test_the_public_pages_carry_no_personal_data(client: Client, public: Outcome) -> None:
    search = client.get("/kennisbank/openbaar/?q=charlois").content.decode()
    listing = client.get("/kennisbank/openbaar/").content.decode()
    detail = client.get(f"/kennisbank/openbaar/{public.session.code}/").content.decode()
    assert "Hoe werkt het wijkteam met vrijwilligers?" in detail
    assert "korte lijnen met het wijkteam" in detail
    assert "Sociale kaart van Charlois bijwerken" in detail
    assert "buurtnetwerken" in detail
    assert "<mark>Charlois</mark>" in search
    for page in (search, listing, detail):
        assert personal_data_in(page) == []


def test_a_facilitator_who_agreed_is_named_on_the_public_page(
    client: Client, public: Outcome, begeleider: User, begeleider2: User
) -> None:
    FacilitatorProfile.objects.create(user=begeleider, name_public=True)
    FacilitatorProfile.objects.create(user=begeleider2, name_public=False)
    detail = client.get(f"/kennisbank/openbaar/{public.session.code}/").content.decode()
    assert "Begeleiding:</span> Berry van den Bos" in detail
    assert "Koetsveld" not in detail


@pytest.mark.parametrize("level", [Level.INTERN, Level.WERKPLAATS])
def test_a_verslag_that_is_not_openbaar_has_no_public_page(client: Client, public: Outcome, level: str) -> None:
    Outcome.objects.filter(pk=public.pk).update(publication=level)
    assert client.get(f"/kennisbank/openbaar/{public.session.code}/").status_code == 404


def test_a_reopened_verslag_leaves_the_public_part(client: Client, public: Outcome) -> None:
    Outcome.objects.filter(pk=public.pk).update(status=Outcome.Status.CONCEPT)
    assert client.get(f"/kennisbank/openbaar/{public.session.code}/").status_code == 404
    assert client.get("/kennisbank/openbaar/").context["hits"] == []


def test_the_public_part_says_when_there_is_nothing_yet(client: Client, db: None) -> None:
    page = client.get("/kennisbank/openbaar/").content.decode()
    assert "Er zijn nog geen openbare opbrengsten." in page


def test_the_catalogue_and_the_navigation_link_to_the_kennisbank(client: Client, staf: User) -> None:
    home = client.get("/").content.decode()
    assert 'href="/kennisbank/openbaar/"' in home
    client.force_login(staf)
    assert '<a class="nav-link" href="/kennisbank/">Kennisbank</a>' in client.get("/").content.decode()


@override_settings(DEBUG=True)
def test_the_demo_data_answers_a_search_for_wijkteam(client: Client) -> None:
    """After `make run` a new user finds the seed summary and the SWOT session; visitors the openbare."""
    call_command("seed_demo")
    call_command("seed_demo")
    client.force_login(User.objects.get(username="staf"))
    found = [outcome.central_question for outcome, _ in client.get("/kennisbank/?q=wijkteam").context["hits"]]
    assert set(found) == {
        "Wat betekent de WMO voor jouw professie?",
        "Waar staan de wijkteams en vraagwijzers nu, en wat willen we leren?",
    }
    client.logout()
    page = client.get("/kennisbank/openbaar/?q=wijkteam").content.decode()
    assert "Waar staan de wijkteams en vraagwijzers nu, en wat willen we leren?" in page
    assert "Wat betekent de WMO" not in page
    public = Outcome.objects.get(publication=Level.PUBLIC)
    detail = client.get(f"/kennisbank/openbaar/{public.session.code}/").content.decode()
    assert "volle caseload in de wijkteams" in detail
    assert personal_data_in(page) == personal_data_in(detail) == []

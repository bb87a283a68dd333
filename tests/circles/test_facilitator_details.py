"""Mijn gegevens: a facilitator's organisation, set by themself or by staff, printed in the introduction."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from circles.introductions import facilitators_text
from circles.models import FacilitatorProfile
from leerkring.core.roles import BEGELEIDER
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_facilitator_finds_mijn_gegevens_in_the_menu_and_sets_an_organisation(
    client: Client, begeleider: User
) -> None:
    client.force_login(begeleider)
    assert 'href="/mijn-gegevens/"' in client.get("/leerkringen/").content.decode()
    page = client.get("/mijn-gegevens/").content.decode()
    assert "Mijn gegevens" in page and "Organisatie" in page
    assert not FacilitatorProfile.objects.exists()  # looking creates nothing

    response = client.post("/mijn-gegevens/", {"organisation": "  Bos &  Meer "}, follow=True)

    assert response.redirect_chain == [("/mijn-gegevens/", 302)]
    assert "Uw gegevens zijn opgeslagen." in response.content.decode()
    assert 'value="Bos &amp; Meer"' in response.content.decode()
    profile = FacilitatorProfile.objects.get(user=begeleider)
    assert (profile.organisation, profile.name_public) == ("Bos & Meer", False)


def test_too_long_an_organisation_is_refused_at_the_field_and_kept(client: Client, begeleider: User) -> None:
    client.force_login(begeleider)
    page = client.post("/mijn-gegevens/", {"organisation": "o" * 201, "name_public": "on"}).content.decode()
    assert "Deze tekst telt 201 tekens; er passen er 200." in page
    assert "o" * 201 in page
    assert not FacilitatorProfile.objects.exists()


def test_staff_see_every_facilitator_and_change_an_organisation(
    client: Client, staf: User, begeleider: User, begeleider2: User, projectleider: User
) -> None:
    FacilitatorProfile.objects.create(user=begeleider2, organisation="docenten HR-Instituut Sociale Opleidingen")
    client.force_login(staf)
    assert 'href="/begeleiders/"' in client.get("/leerkringen/").content.decode()
    page = client.get("/begeleiders/").content.decode()
    # Sorted by surname without the tussenvoegsel: Bos, Koetsveld, Twist.
    assert page.index("Berry van den Bos") < page.index("Henk Koetsveld") < page.index("Elizabeth van Twist")
    assert "docenten HR-Instituut Sociale Opleidingen" in page
    assert "Geen organisatie ingevuld" in page

    response = client.post("/begeleiders/bg/gegevens/", {"organisation": "Bos & Meer"}, follow=True)

    assert response.redirect_chain == [("/begeleiders/", 302)]
    assert "De gegevens van Berry van den Bos zijn opgeslagen." in response.content.decode()
    assert FacilitatorProfile.objects.get(user=begeleider).organisation == "Bos & Meer"


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/begeleiders/").status_code == 200
    return len(queries)


def test_the_facilitator_list_takes_the_same_queries_for_more_people(client: Client, staf: User) -> None:
    client.force_login(staf)
    for n in range(2):
        FacilitatorProfile.objects.create(user=make_user(f"a{n}", BEGELEIDER), organisation="Bos & Meer")
    few = _queries(client)
    for n in range(20):
        make_user(f"b{n}", BEGELEIDER)
    assert _queries(client) == few


def test_the_list_says_when_there_is_nobody(client: Client, staf: User) -> None:
    client.force_login(staf)
    assert "Er zijn nog geen begeleiders of projectleiders." in client.get("/begeleiders/").content.decode()


def test_people_of_one_organisation_are_named_together_as_in_the_seed() -> None:
    def person(first: str, last: str, organisation: str) -> User:
        user = User(first_name=first, last_name=last)
        user.facilitator_profile = FacilitatorProfile(organisation=organisation)
        return user

    people = [
        person("Berry", "van den Bos", "Bos & Meer"),
        person("Erfan", "Pourmohammadi", "docenten HR-Instituut Sociale Opleidingen"),
        person("Henk", "Koetsveld", "docenten HR-Instituut Sociale Opleidingen"),
    ]
    with translation.override("nl"):
        assert facilitators_text(people) == (
            "Berry van den Bos (Bos & Meer), Erfan Pourmohammadi en Henk Koetsveld "
            "(docenten HR-Instituut Sociale Opleidingen)"
        )
        assert facilitators_text(people[1:] + people[:1]) == (
            "Erfan Pourmohammadi en Henk Koetsveld (docenten HR-Instituut Sociale Opleidingen) en "
            "Berry van den Bos (Bos & Meer)"
        )
        assert facilitators_text([person("Ayşe", "Yılmaz", "")]) == "Ayşe Yılmaz"

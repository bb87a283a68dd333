"""The kennisbank's matches and facets (kennisbank_results): read back from the shared cache while
nothing changed, and current at once after a verslag is established, republished or reopened."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sessions.models import Outcome
from sessions.services.outcomes import outcome_reopen, outcome_set_publication
from tests.factories import make_circle
from tests.sessions.kennisbank_data import established, many_verslagen

pytestmark = pytest.mark.django_db


def _found(client: Client, url: str) -> tuple[int, int]:
    """(how many queries the page ran, how many verslagen it found)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.context["page"].paginator.count


def test_a_repeated_search_reads_its_count_and_facets_back(client: Client, projectleider: User, staf: User) -> None:
    many_verslagen(projectleider, 6)
    client.force_login(staf)
    searched, found = _found(client, "/kennisbank/?q=wijkteam")
    again, found_again = _found(client, "/kennisbank/?q=wijkteam")
    assert found == found_again == 6
    # The search itself and the five facet counts are not run again; the page's rows still are.
    assert again <= searched - 6
    assert _found(client, "/kennisbank/?q=vraagwijzer")[0] == searched  # another search is its own


def test_what_changes_a_search_shows_at_once(client: Client, projectleider: User, staf: User, begeleider: User) -> None:
    many_verslagen(projectleider, 2)
    client.force_login(staf)
    assert _found(client, "/kennisbank/?q=wijkteam")[1] == 2
    circle = make_circle(projectleider, name="Leerkring IJsselmonde")
    new = established(
        circle,
        datetime.date(2026, 5, 4),
        question="Wat doet het wijkteam met signalen?",
        publication=Outcome.Publication.PUBLIC,
    )
    assert _found(client, "/kennisbank/?q=wijkteam")[1] == 3
    client.logout()
    assert _found(client, "/kennisbank/openbaar/?q=wijkteam")[1] == 1
    outcome_set_publication(outcome=new, user=projectleider, publication=Outcome.Publication.INTERN)
    assert _found(client, "/kennisbank/openbaar/?q=wijkteam")[1] == 0
    outcome_reopen(outcome=Outcome.objects.get(pk=new.pk), user=projectleider)
    client.force_login(staf)
    assert _found(client, "/kennisbank/?q=wijkteam")[1] == 2


def test_each_language_has_its_own_facet_labels(client: Client, projectleider: User, staf: User) -> None:
    many_verslagen(projectleider, 2)
    client.force_login(staf)
    dutch = client.get("/kennisbank/?q=wijkteam").context["facets"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/kennisbank/?q=wijkteam").context["facets"]
    assert [facet.title for facet in dutch][:2] == ["Bouwsteen", "Soort"]
    assert [facet.title for facet in english][:2] == ["Building block", "Type"]

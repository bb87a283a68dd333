"""The kennisbank on the embedded SQLite default: a case-insensitive match in the stored text,
newest first, the match marked in an escaped snippet. Forced here, so it runs on any database."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client

from sessions.kennisbank import selectors
from sessions.models import Outcome
from tests.factories import make_circle
from tests.sessions.kennisbank_data import established

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def text_match(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "uses_full_text", lambda: False)


def test_a_word_is_found_in_answers_sections_and_actions(client: Client, projectleider: User, staf: User) -> None:
    circle = make_circle(projectleider, name="Leerkring Charlois")
    day = datetime.date(2026, 3, 2)
    established(circle, day, question="Eén", answers={"Leden": "Het Wijkteam <b>werkt</b>"})
    established(circle, day + datetime.timedelta(days=7), question="Twee", sections={"Kansen": "wijkteamoverleg"})
    established(circle, day + datetime.timedelta(days=14), question="Drie", actions=[("Wijkteam bellen", "Anna")])
    established(circle, day + datetime.timedelta(days=21), question="Vier", answers={"Leden": "loket"})
    established(circle, day, question="Vijf wijkteam", publication=Outcome.Publication.INTERN).session.delete()
    client.force_login(staf)
    response = client.get("/kennisbank/?q=wijkteam")
    assert [outcome.central_question for outcome, _ in response.context["hits"]] == ["Drie", "Twee", "Eén"]
    page = response.content.decode()
    assert "<mark>Wijkteam</mark> &lt;b&gt;werkt&lt;/b&gt;" in page
    assert "Twee · Kansen · <mark>wijkteam</mark>overleg" in page  # one point per line, read as one line
    assert "Anna" not in page  # owners are not searched, so never in a snippet
    facets = {facet.key: {v.label: v.count for v in facet.values} for facet in response.context["facets"]}
    assert facets["leerkring"] == {"Leerkring Charlois": 3}

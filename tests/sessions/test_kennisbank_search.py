"""The kennisbank search for logged-in roles: PostgreSQL's Dutch full-text search (stemming,
ranking, highlighted snippets), facets, who finds which publication level, and a page whose
query count does not grow with the results."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from circles.models import Circle
from sessions.kennisbank.models import OutcomeSearch
from sessions.models import Outcome
from tests.factories import make_circle
from tests.sessions.kennisbank_data import established, many_verslagen

Level = Outcome.Publication
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def hits(client: Client, query: str = "") -> list[str]:
    """The centrale vraag of each hit, in the order shown."""
    response = client.get(f"/kennisbank/{query}")
    assert response.status_code == 200
    return [outcome.central_question for outcome, _snippet in response.context["hits"]]


@pytest.fixture
def charlois(projectleider: User) -> Circle:
    return make_circle(projectleider, name="Leerkring Charlois", building_blocks=[5, 6])


def test_wijkteams_finds_wijkteam_by_dutch_stemming(
    postgres: None, client: Client, charlois: Circle, staf: User
) -> None:
    established(charlois, datetime.date(2026, 3, 2), question="Wat vraagt de wijk?", answers={"Leden": "het wijkteam"})
    established(charlois, datetime.date(2026, 3, 9), question="Wat doet de vraagwijzer?", answers={"Leden": "loket"})
    client.force_login(staf)
    assert hits(client, "?q=wijkteams") == ["Wat vraagt de wijk?"]
    assert hits(client, "?q=Wijkteam") == ["Wat vraagt de wijk?"]


def test_a_match_in_the_centrale_vraag_ranks_above_one_in_an_answer(
    postgres: None, client: Client, charlois: Circle, staf: User
) -> None:
    established(charlois, datetime.date(2026, 3, 2), question="Wat leren we?", answers={"Leden": "mantelzorg"})
    established(charlois, datetime.date(2026, 3, 9), question="Hoe ondersteunen we mantelzorg?")
    established(charlois, datetime.date(2026, 3, 16), question="Wat is er nieuw?", sections={"Kansen": "buurtwerk"})
    client.force_login(staf)
    assert hits(client, "?q=mantelzorg") == ["Hoe ondersteunen we mantelzorg?", "Wat leren we?"]


def test_without_a_query_the_newest_established_verslagen_come_first(
    postgres: None, client: Client, charlois: Circle, staf: User
) -> None:
    established(charlois, datetime.date(2026, 3, 2), question="Oud")
    established(charlois, datetime.date(2026, 5, 2), question="Nieuw")
    session = established(charlois, datetime.date(2026, 4, 2), question="Concept").session
    Outcome.objects.filter(session=session).update(status=Outcome.Status.SUBMITTED)
    client.force_login(staf)
    page = client.get("/kennisbank/").content.decode()
    assert hits(client) == ["Nieuw", "Oud"]
    assert "2 vastgestelde verslagen, de nieuwste eerst" in page


def test_the_snippet_marks_the_match_and_escapes_what_people_typed(
    postgres: None, client: Client, charlois: Circle, staf: User
) -> None:
    established(
        charlois,
        datetime.date(2026, 3, 2),
        question="Wat werkt?",
        answers={"Leden": "3 < 5 & de wijkteams <script>alert(1)</script> werken samen"},
    )
    client.force_login(staf)
    page = client.get("/kennisbank/?q=wijkteam").content.decode()
    snippet = re.search(r'<p class="mb-2 lk-snippet">(.*?)</p>', page, re.S)
    assert snippet is not None
    assert "<mark>wijkteams</mark>" in snippet.group(1)
    # PostgreSQL drops what looks like a tag; whatever else is left is escaped.
    assert "3 &lt; 5 &amp;" in snippet.group(1)
    assert re.sub(r"</?mark>", "", snippet.group(1)).count("<") == 0


def test_facets_count_the_hits_and_narrow_the_search(
    postgres: None, client: Client, projectleider: User, charlois: Circle, staf: User
) -> None:
    hoogvliet = make_circle(projectleider, name="Leerkring Hoogvliet", kind=Circle.Kind.OP_MAAT, building_blocks=[2])
    established(charlois, datetime.date(2026, 3, 2), question="A", answers={"Wijkteamleiders": "wijkteam"})
    established(charlois, datetime.date(2027, 3, 2), question="B", answers={"Vraagwijzers": "wijkteam"})
    established(hoogvliet, datetime.date(2027, 4, 2), question="C", answers={"Vraagwijzers": "wijkteam"})
    established(hoogvliet, datetime.date(2027, 5, 2), question="D", answers={"Vraagwijzers": "loket"})
    client.force_login(staf)
    response = client.get("/kennisbank/?q=wijkteam")
    facets = {facet.key: {v.label: v.count for v in facet.values} for facet in response.context["facets"]}
    assert facets["soort"] == {"Leerkring op maat": 1, "Themaleerkring": 2}
    assert facets["jaar"] == {"2027": 2, "2026": 1}
    assert facets["subgroep"] == {"Vraagwijzers": 2, "Wijkteamleiders": 1}
    assert facets["leerkring"] == {"Leerkring Charlois": 2, "Leerkring Hoogvliet": 1}
    assert facets["bouwsteen"] == {
        "2. Relatie tussen aansturend beleid en uitvoering": 1,
        "5. Samenwerking in een interdisciplinair team": 2,
        "6. Samenwerking met het (in)formele (wijk)netwerk": 2,
    }
    page = response.content.decode()
    assert 'href="?q=wijkteam&amp;subgroep=Vraagwijzers"' in page
    assert sorted(hits(client, "?q=wijkteam&subgroep=Vraagwijzers")) == ["B", "C"]
    assert hits(client, "?q=wijkteam&soort=op_maat") == ["C"]
    assert hits(client, "?q=wijkteam&jaar=2026") == ["A"]
    assert sorted(hits(client, "?q=wijkteam&bouwsteen=5")) == ["A", "B"]
    assert hits(client, f"?q=wijkteam&leerkring={hoogvliet.code}") == ["C"]
    # A chosen facet links back to the search without it.
    chosen = client.get("/kennisbank/?q=wijkteam&jaar=2026").context["facets"][2].values
    assert [(v.label, v.url) for v in chosen if v.selected] == [("2026", "?q=wijkteam")]


def test_a_facet_value_that_does_not_parse_is_ignored(
    postgres: None, client: Client, charlois: Circle, staf: User
) -> None:
    established(charlois, datetime.date(2026, 3, 2), question="A", answers={"Leden": "wijkteam"})
    client.force_login(staf)
    assert hits(client, "?q=wijkteam&jaar=twintig&leerkring=geen-code&bouwsteen=99") == ["A"]


def test_each_hit_links_to_its_verslag_and_for_staff_its_pdf(
    postgres: None, client: Client, charlois: Circle, staf: User, begeleider: User
) -> None:
    outcome = established(
        charlois, datetime.date(2026, 3, 2), question="A", answers={"Leden": "wijkteam"}, facilitators=[begeleider]
    )
    code = outcome.session.code
    client.force_login(staf)
    page = client.get("/kennisbank/?q=wijkteam").content.decode()
    assert f'href="/bijeenkomsten/{code}/verslag/"' in page
    assert f'action="/rapporten/nieuw/samenvatting/{code}/"' in page
    assert client.post(f"/rapporten/nieuw/samenvatting/{code}/").status_code == 302
    client.force_login(begeleider)
    page = client.get("/kennisbank/?q=wijkteam").content.decode()
    assert f'href="/bijeenkomsten/{code}/verslag/"' in page
    assert "/rapporten/nieuw/samenvatting/" not in page  # facilitators may not request reports


def test_who_finds_which_publication_level(
    postgres: None,
    client: Client,
    projectleider: User,
    projectleider2: User,
    charlois: Circle,
    begeleider: User,
    begeleider2: User,
    staf: User,
    outsider: User,
) -> None:
    text = {"Leden": "wijkteam"}
    day = datetime.date(2026, 3, 2)
    established(charlois, day, question="Intern", answers=text, facilitators=[begeleider])
    established(charlois, day, question="Werkplaats", answers=text, publication=Level.WERKPLAATS)
    established(charlois, day, question="Openbaar", answers=text, publication=Level.PUBLIC)
    everything = {"Intern", "Werkplaats", "Openbaar"}
    for user, found in [
        (begeleider, everything),  # guides a session of the circle
        (projectleider, everything),  # staf and project leaders read every verslag
        (staf, everything),
        (begeleider2, {"Werkplaats", "Openbaar"}),  # a begeleider of another circle
        (projectleider2, everything),
    ]:
        client.force_login(user)
        assert set(hits(client, "?q=wijkteam")) == found, user.username
    client.force_login(outsider)
    assert client.get("/kennisbank/?q=wijkteam").status_code == 403
    client.logout()
    assert client.get("/kennisbank/?q=wijkteam").status_code == 302
    assert [o.central_question for o, _ in client.get("/kennisbank/openbaar/?q=wijkteam").context["hits"]] == [
        "Openbaar"
    ]


def test_the_search_row_follows_the_verslag_through_the_services(postgres: None, staf: User) -> None:
    """Saving, establishing and reopening rewrite it (tests/sessions/test_outcome_workflow.py
    drives those services; here the row itself)."""
    from sessions.kennisbank.services import outcome_index

    outcome = established(
        make_circle(staf, name="X"), datetime.date(2026, 3, 2), question="Eigen kracht", sections={"Kansen": "buurt"}
    )
    row = OutcomeSearch.objects.get(outcome=outcome)
    assert row.text == "Eigen kracht\nKansen\nbuurt"
    assert "'kracht':2A" in str(row.vector)
    outcome.central_question = "Mantelzorg"
    outcome_index(outcome=outcome)
    row.refresh_from_db()
    assert "mantelzorg" in str(row.vector)
    assert "kracht" not in str(row.vector)


def test_the_search_vector_has_a_gin_index(postgres: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'outcomesearch_vector_gin'")
        (definition,) = cursor.fetchone()
    assert "USING gin (vector)" in definition


def test_the_page_runs_the_same_queries_at_any_number_of_hits(
    postgres: None,
    client: Client,
    projectleider: User,
    begeleider: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """Session, user, roles, count, page, bouwstenen of the page, five facets: never one per hit."""
    client.force_login(begeleider)
    many_verslagen(projectleider, 4, facilitators=[begeleider])
    with django_assert_max_num_queries(14) as few:
        assert len(hits(client, "?q=wijkteams")) == 4
    many_verslagen(projectleider, 40, facilitators=[begeleider])
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(hits(client, "?q=wijkteams")) == 20
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(hits(client, "?q=wijkteams&subgroep=Vraagwijzers&jaar=2026&pagina=2")) == 2
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(hits(client)) == 20

"""Free sections with sub-sections, two levels (Visie → Sterktes, Zwaktes): saving them, the rule
that they go one level deep, the kept version, the merge, the kennisbank and the verslag page."""

from __future__ import annotations

import copy

import pytest
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import Client

from circles.models import Session
from sessions.kennisbank.public import public_outcome_context
from sessions.kennisbank.services import outcome_search_parts
from sessions.models import Outcome, OutcomeVersion, Section
from sessions.services.merge import merge_versions
from sessions.services.outcomes import OutcomeError, OutcomeInput, SectionInput, outcome_save
from sessions.services.signals import signal_items
from sessions.services.versions import input_content, outcome_content
from tests.factories import circle_with_sessions, on_the_day

pytestmark = pytest.mark.django_db

SWOT = [
    SectionInput(None, "Visie", "Samen leren in de wijk"),
    SectionInput(None, "Sterktes", "korte lijnen\nveel kennis", parent=0),
    SectionInput(None, "Zwaktes", "weinig tijd", parent=0),
    SectionInput(None, "Afspraken", "volgende keer in Charlois"),
]


@pytest.fixture
def session(projectleider: User, begeleider: User) -> Session:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    return sessions[0]


def _save(session: Session, user: User, sections: list[SectionInput], version: int = 0) -> Outcome:
    data = OutcomeInput(central_question="Wat werkt?", sections=sections)
    with on_the_day(session.date):
        return outcome_save(session=session, user=user, data=data, version=version)


def _tree(outcome: Outcome) -> list[tuple[str, list[str]]]:
    return [(top.heading, [sub.heading for sub in subs]) for top, subs in outcome.section_tree()]


def test_sub_sections_are_saved_under_their_section_in_order(session: Session, begeleider: User) -> None:
    outcome = _save(session, begeleider, copy.deepcopy(SWOT))

    assert _tree(outcome) == [("Visie", ["Sterktes", "Zwaktes"]), ("Afspraken", [])]
    visie = Section.objects.get(heading="Visie")
    assert [s.heading for s in visie.children.all()] == ["Sterktes", "Zwaktes"]


def test_moving_a_sub_section_out_keeps_it_when_its_section_is_removed(session: Session, begeleider: User) -> None:
    outcome = _save(session, begeleider, copy.deepcopy(SWOT))
    ids = {s.heading: s.pk for s in outcome.sections.all()}

    saved = _save(
        session,
        begeleider,
        [SectionInput(ids["Sterktes"], "Sterktes", "korte lijnen"), SectionInput(ids["Afspraken"], "Afspraken")],
        version=outcome.version,
    )

    assert _tree(saved) == [("Sterktes", []), ("Afspraken", [])]
    assert Section.objects.get(heading="Sterktes").pk == ids["Sterktes"]


def test_a_sub_section_cannot_have_sub_sections(session: Session, begeleider: User) -> None:
    sections = [*copy.deepcopy(SWOT), SectionInput(None, "Te diep", "", parent=1)]

    with pytest.raises(OutcomeError, match=r"één laag diep|zelf onderdelen"):
        _save(session, begeleider, sections)
    assert not Section.objects.exists()


def test_the_kept_version_and_the_merge_know_where_each_section_lies(session: Session, begeleider: User) -> None:
    outcome = _save(session, begeleider, copy.deepcopy(SWOT))
    stored = outcome_content(outcome)
    ids = {row["heading"]: row["key"] for row in stored["sections"]}
    assert [(row["heading"], row["parent"]) for row in stored["sections"]] == [
        ("Visie", ""),
        ("Sterktes", ids["Visie"]),
        ("Zwaktes", ids["Visie"]),
        ("Afspraken", ""),
    ]
    assert OutcomeVersion.objects.get(outcome=outcome, version=outcome.version).content == stored

    # I add Kansen under Visie while somebody else moves Zwaktes under Afspraken: both stay.
    mine_input = OutcomeInput(
        central_question="Wat werkt?",
        sections=[
            SectionInput(int(ids["Visie"]), "Visie", "Samen leren in de wijk"),
            SectionInput(int(ids["Sterktes"]), "Sterktes", "korte lijnen\nveel kennis", parent=0),
            SectionInput(int(ids["Zwaktes"]), "Zwaktes", "weinig tijd", parent=0),
            SectionInput(None, "Kansen", "buurtwerk", parent=0),
            SectionInput(int(ids["Afspraken"]), "Afspraken", "volgende keer in Charlois"),
        ],
    )
    mine = input_content(mine_input)
    assert mine["sections"][3] == {"key": "new-3", "heading": "Kansen", "items": "buurtwerk", "parent": ids["Visie"]}
    theirs = copy.deepcopy(stored)
    theirs["sections"][2]["parent"] = ids["Afspraken"]

    merge = merge_versions(stored, mine, theirs)

    parents = {row["heading"]: row["parent"] for row in merge.content["sections"]}
    assert parents == {
        "Visie": "",
        "Sterktes": ids["Visie"],
        "Zwaktes": ids["Afspraken"],
        "Kansen": ids["Visie"],
        "Afspraken": "",
    }
    assert merge.conflict_count == 0


def test_sub_sections_are_found_in_the_kennisbank_text(session: Session, begeleider: User) -> None:
    outcome = _save(session, begeleider, copy.deepcopy(SWOT))
    _question, _subquestions, rest = outcome_search_parts(outcome)
    assert "Sterktes\nkorte lijnen\nveel kennis\nZwaktes\nweinig tijd" in rest


def test_the_verslag_page_shows_sub_sections_under_their_section(
    client: Client, session: Session, begeleider: User
) -> None:
    outcome = _save(session, begeleider, copy.deepcopy(SWOT))
    Outcome.objects.filter(pk=outcome.pk).update(status=Outcome.Status.ESTABLISHED)
    client.force_login(begeleider)

    page = client.get(f"/bijeenkomsten/{session.code}/verslag/").content.decode()

    visie = page.index('<h3 class="h5 mt-4">Visie</h3>')
    sterktes = page.index('<h4 class="h6 mt-3 ms-3">Sterktes</h4>')
    assert visie < sterktes < page.index("veel kennis") < page.index(">Zwaktes</h4>")
    assert page.index(">Zwaktes</h4>") < page.index('<h3 class="h5 mt-4">Afspraken</h3>')


def test_the_public_kennisbank_page_keeps_sub_sections_under_their_section(session: Session, begeleider: User) -> None:
    outcome = _save(session, begeleider, copy.deepcopy(SWOT))
    context = public_outcome_context(outcome)
    assert context["sections"] == [
        (
            "Visie",
            ["Samen leren in de wijk"],
            [("Sterktes", ["korte lijnen", "veel kennis"]), ("Zwaktes", ["weinig tijd"])],
        ),
        ("Afspraken", ["volgende keer in Charlois"], []),
    ]
    page = render_to_string("sessions/kennisbank/public_outcome.html", {**context, "request": None})
    positions = [page.index(text) for text in ("Visie</h2>", "Sterktes</h3>", "veel kennis", "Zwaktes</h3>")]
    assert positions == sorted(positions)


def test_a_sub_section_point_is_signalled_with_its_section_in_the_source(session: Session, begeleider: User) -> None:
    outcome = _save(session, begeleider, copy.deepcopy(SWOT))
    sources = [(item.source, item.text) for item in signal_items(outcome=outcome)]
    assert sources == [
        ("Visie", "Samen leren in de wijk"),
        ("Visie · Sterktes", "korte lijnen"),
        ("Visie · Sterktes", "veel kennis"),
        ("Visie · Zwaktes", "weinig tijd"),
        ("Afspraken", "volgende keer in Charlois"),
    ]

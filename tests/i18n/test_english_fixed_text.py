"""In English, the fixed text of the pages and PDFs is English: the eight bouwstenen, their descriptions,
the labels and the generated sentences. Only what people typed stays as typed (here it is English too)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from django.utils.html import strip_tags

from buildingblocks.models import BuildingBlock
from buildingblocks.texts import OFFICIAL
from circles.models import Circle, FacilitatorProfile, Session
from reports import services
from reports.models import Report
from sessions.models import Outcome, Section, Subgroup, SubQuestion
from sessions.services.outcomes import DEFAULT_METHOD
from tests.factories import before_the_circles, open_circle, record_attendance
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

# Dutch words of the fixed text that must be gone in English: from the bouwstenen and their
# descriptions, the labels of the pages and PDFs, and the generated sentences.
DUTCH = [
    "bouwsteen", "bouwstenen", "bijeenkomst", "bijeenkomsten", "leerkring", "leerkringen", "verleden",
    "sociaal werk", "beleid", "uitvoering", "lerende", "onderzoekende", "afstemming", "werkprocessen",
    "samenwerking", "samenwerken", "procesmatig", "kwaliteitsbewustzijn", "verantwoording", "wijk",
    "inleiding", "wijze van werken", "resultaten", "deelnemende", "deelnemers", "projectleider",
    "begeleiders", "geleid", "doel", "aanmelden", "opbrengst", "samenvatting", "vastgesteld", "onderzoeken",
    "de", "het", "een", "van", "en", "met", "uit", "voor", "wordt", "is geleid",
]  # fmt: skip


def dutch_left(text: str) -> list[str]:
    # Names people typed and the app's own name are not fixed text.
    typed = ("Berry van den Bos", "Elizabeth van Twist", "Bos & Meer", "Museumpark 40, Rotterdam")
    for name in (*typed, "Werkplaats Sociaal Domein Rotterdam", "Nederlands", "Leerkring"):
        text = text.replace(name, " ")
    words = re.sub(r"\s+", " ", text).casefold()
    return [word for word in DUTCH if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", words)]


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> Circle:
    FacilitatorProfile.objects.create(user=begeleider, organisation="Bos & Meer")
    circle = open_circle(
        projectleider,
        (begeleider,),
        name="Circle One - Method",
        goal="Exchanging experience.",
        description="For the teams in the south.",
        location="Museumpark 40, Rotterdam",
        teams=["Hoogvliet", "Charlois", "IJsselmonde", "Pernis"],
        building_blocks=[5, 7],
    )
    Session.objects.filter(circle=circle).update(location="Museumpark 40, Rotterdam")
    return circle


def page_text(client: Client, url: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return strip_tags(html)


def test_the_bouwstenen_page_is_english(client: Client) -> None:
    text = page_text(client, "/bouwstenen/")
    assert "Collaboration in an interdisciplinary team" in text
    assert "Working purposefully and in steps, from question to evaluation." in text
    assert dutch_left(text) == []


def test_a_renamed_bouwsteen_keeps_the_name_it_was_given(client: Client) -> None:
    BuildingBlock.objects.filter(number=7).update(name="Werken in stappen")
    assert "Werken in stappen" in page_text(client, "/bouwstenen/")


def test_the_public_circle_page_is_english(client: Client, circle: Circle) -> None:
    with before_the_circles():
        text = page_text(client, f"/aanbod/{circle.code}/")
    assert "Working as a process" in text and "Participating teams" in text
    assert dutch_left(text) == []


def test_the_circle_page_is_english(client: Client, circle: Circle, begeleider: User) -> None:
    with before_the_circles():
        client.force_login(begeleider)
        text = page_text(client, f"/leerkringen/{circle.code}/")
    assert "Working as a process" in text
    assert dutch_left(text) == []


def test_a_session_summary_pdf_is_english(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    session = circle.sessions.order_by("number").first()
    assert session is not None
    record_attendance(session)
    # The standard method kept as a Dutch suggestion, the rest typed in English.
    outcome = Outcome.objects.create(session=session, method=DEFAULT_METHOD, central_question="What works?")
    group = Subgroup.objects.create(outcome=outcome, name="Team members", position=0)
    question = SubQuestion.objects.create(outcome=outcome, text="What changed?", position=0)
    question.answers.create(subgroup=group, text="Shorter lines")
    Section.objects.create(outcome=outcome, heading="Strengths", items="Knowing the area")

    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        report, _reused = services.report_request(
            kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session, user=projectleider
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    text = pdf_text(report.file.read())

    assert "This learning circle works according to Participatory Action Research (PAR)" in text
    assert "The participants come from the teams Hoogvliet, Charlois, IJsselmonde and Pernis." in text
    assert "in collaboration with Berry van den Bos (Bos & Meer)" in text
    assert dutch_left(text) == []


def test_the_translated_texts_are_the_ones_the_database_holds() -> None:
    """A bouwsteen is translated only while its stored text is the official one: they must agree."""
    stored = {b.number: (b.name, b.description) for b in BuildingBlock.objects.all()}
    assert stored == OFFICIAL
    with translation.override("en"):
        assert str(BuildingBlock.objects.get(number=8)) == "8. Developing quality awareness and forms of accountability"

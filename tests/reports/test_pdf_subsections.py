"""Free sections with sub-sections in the PDFs: Visie, then Sterktes with its points, then Zwaktes…"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from circles.models import Circle
from reports import services
from reports.models import Report
from sessions.models import Outcome, Section
from tests.factories import record_outcome
from tests.reports.conftest import assert_in_order, pdf_text

pytestmark = pytest.mark.django_db

SWOT = {
    "Sterktes": "Korte lijnen in de wijk\nVeel kennis van de buurt",
    "Zwaktes": "Weinig tijd voor overleg",
    "Kansen": "Samenwerken met de bibliotheek",
    "Bedreigingen": "Bezuinigingen",
}


def _with_visie(outcome: Outcome) -> None:
    """Visie with the SWOT under it, before the verslag's plain section Kansen (position 0 → last)."""
    Section.objects.filter(outcome=outcome).update(heading="Afspraken", items="Volgende keer in Pernis", position=9)
    visie = Section.objects.create(outcome=outcome, heading="Visie", items="Samen leren in de wijk", position=1)
    for position, (heading, items) in enumerate(SWOT.items(), start=2):
        Section.objects.create(outcome=outcome, parent=visie, heading=heading, items=items, position=position)


def _render(django_capture_on_commit_callbacks: Any, **kwargs: Any) -> str:
    with django_capture_on_commit_callbacks(execute=True), translation.override("nl"):
        report, _reused = services.report_request(**kwargs)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    return pdf_text(report.file.read())


EXPECTED = [
    "Visie",
    "Samen leren in de wijk",
    "Sterktes",
    "Korte lijnen in de wijk",
    "Veel kennis van de buurt",
    "Zwaktes",
    "Weinig tijd voor overleg",
    "Kansen",
    "Samenwerken met de bibliotheek",
    "Bedreigingen",
    "Bezuinigingen",
    "Afspraken",
    "Volgende keer in Pernis",
    "Acties",
]


def test_the_session_summary_prints_sub_sections_under_their_section(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    session = circle.sessions.first()
    assert session is not None
    _with_visie(record_outcome(session))

    text = _render(
        django_capture_on_commit_callbacks,
        kind=Report.Kind.SESSION_SUMMARY,
        circle=circle,
        session=session,
        user=projectleider,
    )

    assert_in_order(text, EXPECTED)
    assert text.count("Sterktes") == 1


def test_the_circle_report_prints_sub_sections_under_their_section(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    first, second, *_rest = circle.sessions.all()
    _with_visie(record_outcome(first, established_at=second))

    text = _render(
        django_capture_on_commit_callbacks, kind=Report.Kind.CIRCLE_REPORT, circle=circle, user=projectleider
    )

    assert_in_order(text, ["Vastgestelde samenvattingen", *EXPECTED])


def test_a_section_without_sub_sections_prints_as_before(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    session = circle.sessions.first()
    assert session is not None
    record_outcome(session)

    text = _render(
        django_capture_on_commit_callbacks,
        kind=Report.Kind.SESSION_SUMMARY,
        circle=circle,
        session=session,
        user=projectleider,
    )

    assert_in_order(text, ["Resultaten", "Kansen", "Kennis delen", "Sneller opschalen", "Acties"])

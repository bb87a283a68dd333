"""The opening of the PDFs: the teams taking part and the leaders with their organisations."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from circles.models import Circle, FacilitatorProfile
from reports import services
from reports.models import Report
from tests.factories import first_session, record_outcome
from tests.reports.conftest import assert_in_order, pdf_text

pytestmark = pytest.mark.django_db
TEAMS = ["Hoogvliet", "Charlois", "IJsselmonde", "Pernis"]


def render(kwargs: dict[str, Any], django_capture_on_commit_callbacks: Any, language: str = "nl") -> str:
    with django_capture_on_commit_callbacks(execute=True), translation.override(language):
        report, _reused = services.report_request(**kwargs)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    return pdf_text(report.file.read())


def test_an_empty_inleiding_names_the_teams_taking_part(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    circle.teams = TEAMS
    circle.save()
    session = first_session(circle)
    record_outcome(session, introduction="")

    text = render(
        {"kind": Report.Kind.SESSION_SUMMARY, "circle": circle, "session": session, "user": projectleider},
        django_capture_on_commit_callbacks,
    )

    assert_in_order(
        text,
        [
            "Inleiding",
            "De leerkring wordt geleid door Elizabeth van Twist (projectleider)",
            "De deelnemers komen uit de teams Hoogvliet, Charlois, IJsselmonde en Pernis.",
            "Centrale vraag van de eerste bijeenkomst",
        ],
    )


def test_the_circle_report_lists_the_teams_taking_part(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    circle.teams = TEAMS
    circle.save()
    text = render(
        {"kind": Report.Kind.CIRCLE_REPORT, "circle": circle, "user": projectleider}, django_capture_on_commit_callbacks
    )
    assert "Deelnemende teams Hoogvliet, Charlois, IJsselmonde en Pernis" in text


def test_without_teams_the_pdfs_say_nothing_about_them(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    session = first_session(circle)
    record_outcome(session, introduction="")
    summary = {"kind": Report.Kind.SESSION_SUMMARY, "circle": circle, "session": session, "user": projectleider}
    report = {"kind": Report.Kind.CIRCLE_REPORT, "circle": circle, "user": projectleider}
    for kwargs in (summary, report):
        text = render(kwargs, django_capture_on_commit_callbacks)
        assert "Deelnemende teams" not in text and "komen uit" not in text


def test_an_empty_inleiding_names_the_leaders_organisations(
    circle: Circle, projectleider: User, begeleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    FacilitatorProfile.objects.create(user=projectleider, organisation="Kenniscentrum Talentontwikkeling")
    FacilitatorProfile.objects.create(user=begeleider, organisation="Bos & Meer")
    session = first_session(circle)
    record_outcome(session, introduction="")

    text = render(
        {"kind": Report.Kind.SESSION_SUMMARY, "circle": circle, "session": session, "user": projectleider},
        django_capture_on_commit_callbacks,
    )

    assert (
        "De leerkring wordt geleid door Elizabeth van Twist (projectleider vanuit Kenniscentrum "
        "Talentontwikkeling) in samenwerking met Berry van den Bos (Bos & Meer)." in text
    )

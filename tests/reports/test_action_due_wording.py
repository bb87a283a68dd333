"""One word for when an action comes back: "Terug in bijeenkomst" on the form, the page and in the PDFs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from circles.models import Circle
from reports.selectors import circle_report_context, session_summary_context
from tests.factories import record_outcome

pytestmark = pytest.mark.django_db
WORD = "Terug in bijeenkomst"


def test_the_pdfs_say_terug_in_bijeenkomst(circle: Circle) -> None:
    first, second, *_rest = circle.sessions.all()
    record_outcome(first, established_at=second)
    with translation.override("nl"):
        summary = render_to_string(
            "reports/pdf/session_summary.html", session_summary_context(session=first, include_personal_data=True)
        )
        report = render_to_string(
            "reports/pdf/circle_report.html", circle_report_context(circle=circle, include_personal_data=True)
        )
    for html in (summary, report):
        assert WORD in html
        assert "Terug op" not in html


def test_the_verslag_form_and_page_say_terug_in_bijeenkomst(
    client: Client, circle: Circle, projectleider: User
) -> None:
    first, second, *_rest = circle.sessions.all()
    record_outcome(first, established_at=second)
    record_outcome(second)
    client.force_login(projectleider)
    established = client.get(f"/bijeenkomsten/{first.code}/verslag/").content.decode()
    editing = client.get(f"/bijeenkomsten/{second.code}/verslag/").content.decode()
    for html in (established, editing):
        assert WORD in html
        assert "Uiterlijk" not in html

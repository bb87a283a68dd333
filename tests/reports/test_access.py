"""A session summary prints action owners only when its include_personal_data flag says so,
and the flag is set as for circle reports, so access (which reads the flag) matches the content."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation

from circles.models import Circle
from reports import services, tasks
from reports.models import Report
from tests.factories import first_session, record_outcome
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db
OWNER = "Fatima el Amrani"


@pytest.mark.parametrize("persona", ["projectleider", "staf"])
def test_a_summary_requested_by_a_project_leader_or_staf_holds_personal_data(
    request: pytest.FixtureRequest, circle: Circle, persona: str, django_capture_on_commit_callbacks: Any
) -> None:
    session = first_session(circle)
    record_outcome(session)

    with django_capture_on_commit_callbacks(execute=True), translation.override("nl"):
        report, _reused = services.report_request(
            kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session, user=request.getfixturevalue(persona)
        )

    report.refresh_from_db()
    assert report.include_personal_data
    assert services.report_context(report=report)["summary"]["actions"][0]["owner"] == OWNER
    assert OWNER in pdf_text(report.file.read())


def test_a_begeleider_opens_a_summary_without_the_flag_and_finds_no_action_owners(
    client: Client, circle: Circle, begeleider: User
) -> None:
    session = first_session(circle)
    record_outcome(session)
    report = Report.objects.create(kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session)
    tasks.report_render.delay(report.pk)
    client.force_login(begeleider)

    response = client.get(reverse("reports:download", args=[report.code]))

    assert isinstance(response, FileResponse)
    text = pdf_text(b"".join(response.streaming_content))
    assert "Sociale kaart van Charlois bijwerken" in text
    assert OWNER not in text
    assert "Actie-eigenaar" not in text


def test_a_begeleider_cannot_open_a_summary_with_personal_data(
    client: Client, circle: Circle, begeleider: User
) -> None:
    session = first_session(circle)
    record_outcome(session)
    report = Report.objects.create(
        kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session, include_personal_data=True
    )
    client.force_login(begeleider)

    assert client.get(reverse("reports:detail", args=[report.code])).status_code == 403
    assert client.get(reverse("reports:download", args=[report.code])).status_code == 403


def test_existing_summaries_were_rendered_with_names_and_are_marked_so(circle: Circle) -> None:
    session = first_session(circle)
    summary = Report.objects.create(kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session)
    circle_report = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle)

    migration = importlib.import_module("reports.migrations.0003_review_summary_personal_data")
    migration.mark_summaries_personal(apps, None)

    summary.refresh_from_db()
    circle_report.refresh_from_db()
    assert summary.include_personal_data
    assert not circle_report.include_personal_data

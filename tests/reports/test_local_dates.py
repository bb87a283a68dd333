"""Dates in report file names and footnotes are local dates: 23:30 UTC on 22 November is 23 November here."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.utils import timezone, translation

from circles.models import Circle
from reports.downloads import report_filename
from reports.models import Report
from reports.selectors import session_summary_context
from sessions.models import Outcome
from tests.factories import first_session, record_outcome

pytestmark = pytest.mark.django_db
HALF_PAST_MIDNIGHT_LOCAL = datetime.datetime(2026, 11, 22, 23, 30, tzinfo=datetime.UTC)


def test_a_circle_report_is_named_after_the_local_date(circle: Circle, projectleider: User) -> None:
    with time_machine.travel(HALF_PAST_MIDNIGHT_LOCAL, tick=False):
        report = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, requested_by=projectleider)

    assert report_filename(report) == "rapport-leerkring-1-methodiekontwikkeling-2026-11-23.pdf"


def test_the_established_on_footnote_uses_the_local_date(circle: Circle) -> None:
    session = first_session(circle)
    record_outcome(session)
    with time_machine.travel(HALF_PAST_MIDNIGHT_LOCAL, tick=False):
        Outcome.objects.filter(session=session).update(status=Outcome.Status.ESTABLISHED, established_at=timezone.now())

    with translation.override("nl"):
        context = session_summary_context(session=session, include_personal_data=False)

    assert context["summary"]["footnote"] == "Vastgesteld op 23 november 2026"

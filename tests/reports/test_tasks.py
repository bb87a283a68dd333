"""The render task and the sweeper, run synchronously (eager Celery)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from pytest_django.fixtures import Settings

from circles.models import Circle
from reports import services, tasks
from reports.models import Report
from tests.factories import first_session, record_outcome

pytestmark = pytest.mark.django_db


def pdf_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.pdf"))


@pytest.fixture
def report(circle: Circle, projectleider: User) -> Report:
    """A queued session summary whose task has not run yet."""
    session = first_session(circle)
    record_outcome(session)
    return Report.objects.create(
        kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session, requested_by=projectleider
    )


def test_task_run_twice_makes_one_pdf(report: Report, reports_root: Path) -> None:
    tasks.report_render.delay(report.pk)
    tasks.report_render.delay(report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.attempts == 1
    assert report.finished_at is not None
    assert report.file.name is not None
    assert pdf_files(reports_root) == [reports_root / report.file.name]
    assert report.file.read().startswith(b"%PDF-1.7")


def test_task_leaves_a_report_claimed_elsewhere_alone(report: Report, reports_root: Path) -> None:
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RENDERING)

    tasks.report_render.delay(report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING
    assert pdf_files(reports_root) == []


def test_transient_errors_are_retried_then_the_report_fails_with_a_reason(
    report: Report, reports_root: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    settings.REPORT_MAX_RETRIES = 2
    calls = []

    def broken(**kwargs: Any) -> bytes:
        calls.append(kwargs["template_name"])
        raise OSError("No space left on device")

    monkeypatch.setattr("reports.pdf.render_pdf", broken)

    tasks.report_render.delay(report.pk)

    report.refresh_from_db()
    assert len(calls) == 3
    assert report.status == Report.Status.FAILED
    assert report.attempts == 3
    assert report.error == (
        "De PDF kon na 3 pogingen niet worden gemaakt door een tijdelijke storing. Vraag hem later opnieuw aan."
    )
    assert pdf_files(reports_root) == []


def test_a_transient_error_that_passes_ends_klaar(
    report: Report, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    from reports import pdf

    real = pdf.render_pdf
    failures = iter([OSError("disk busy")])

    def flaky(**kwargs: Any) -> bytes:
        for error in failures:
            raise error
        return real(**kwargs)

    monkeypatch.setattr("reports.pdf.render_pdf", flaky)

    tasks.report_render.delay(report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.attempts == 2


def test_a_programming_error_fails_at_once(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: Any) -> bytes:
        raise KeyError("summary")

    monkeypatch.setattr("reports.pdf.render_pdf", broken)

    tasks.report_render.delay(report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.attempts == 1
    assert "fout in het programma" in report.error


def test_a_report_taken_away_during_the_render_keeps_no_file(
    report: Report, reports_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reports import pdf

    real = pdf.render_pdf

    def meanwhile_failed(**kwargs: Any) -> bytes:
        Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED)
        return real(**kwargs)

    monkeypatch.setattr("reports.pdf.render_pdf", meanwhile_failed)

    tasks.report_render.delay(report.pk)

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert not report.file
    assert pdf_files(reports_root) == []


def test_sweeper_requeues_a_report_stuck_in_bezig(
    report: Report, settings: Settings, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REPORT_STUCK_AFTER_SECONDS = 600
    long_ago = timezone.now() - datetime.timedelta(seconds=601)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.RENDERING, attempts=1, status_changed_at=long_ago)
    fresh = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=report.circle, status=Report.Status.QUEUED)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.report_requeue_stuck.delay().get() == 1

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.attempts == 2
    fresh.refresh_from_db()
    assert fresh.status == Report.Status.QUEUED  # not stuck yet


def test_sweeper_requeues_a_report_whose_message_was_lost_and_it_ends_klaar(
    report: Report, settings: Settings, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REPORT_STUCK_AFTER_SECONDS = 600
    long_ago = timezone.now() - datetime.timedelta(seconds=601)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED, attempts=0, status_changed_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.report_requeue_stuck.delay().get() == 1

    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.attempts == 2  # the lost message counts as one attempt, the render as the next
    assert report.file.read().startswith(b"%PDF")


def test_sweeper_counts_a_lost_message_as_an_attempt_and_stops_at_the_last(
    report: Report, settings: Settings, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REPORT_MAX_RETRIES = 3
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED, attempts=3, status_changed_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.reports_requeue_stuck() == []

    assert callbacks == []
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error == "De PDF werd na 4 pogingen niet op tijd gemaakt. Vraag hem later opnieuw aan."

"""The render claim: a token per attempt, a heartbeat, take-over of a claim whose worker died."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from pytest_django.fixtures import Settings

from circles.models import Circle
from reports import services
from reports.models import Report
from tests.factories import first_session, record_outcome

pytestmark = pytest.mark.django_db


def pdf_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.pdf"))


@pytest.fixture
def report(circle: Circle, projectleider: User) -> Report:
    session = first_session(circle)
    record_outcome(session)
    return Report.objects.create(
        kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session, requested_by=projectleider
    )


def heartbeat_stops(report: Report, *, seconds_ago: int) -> None:
    Report.objects.filter(pk=report.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=seconds_ago))


def test_a_claim_records_its_token_task_and_heartbeat(report: Report) -> None:
    token = services.report_claim(report_id=report.pk, task_id="task-1")

    report.refresh_from_db()
    assert token and report.claim_token == token
    assert (report.status, report.claim_task_id, report.attempts) == (Report.Status.RENDERING, "task-1", 1)
    assert report.heartbeat_at is not None


def test_a_living_claim_of_another_task_is_left_alone(report: Report) -> None:
    first = services.report_claim(report_id=report.pk, task_id="task-1")

    assert services.report_claim(report_id=report.pk, task_id="task-2") is None
    report.refresh_from_db()
    assert (report.claim_token, report.attempts) == (first, 1)


def test_a_claim_whose_heartbeat_went_stale_is_taken_over_and_only_the_new_attempt_keeps_its_pdf(
    report: Report, reports_root: Path, settings: Settings
) -> None:
    settings.REPORT_CLAIM_STALE_SECONDS = 15
    dead = services.report_claim(report_id=report.pk, task_id="task-1")
    heartbeat_stops(report, seconds_ago=16)

    alive = services.report_claim(report_id=report.pk, task_id="task-2")
    assert alive is not None and dead is not None

    # The attempt that was presumed dead finishes after all: its file is not kept.
    assert services.report_render_file(report_id=report.pk, token=dead) is False
    assert pdf_files(reports_root) == []
    assert services.report_heartbeat(report_id=report.pk, token=dead) is False
    assert services.report_render_file(report_id=report.pk, token=alive) is True
    report.refresh_from_db()
    assert (report.status, report.attempts) == (Report.Status.DONE, 2)
    assert pdf_files(reports_root) == [reports_root / str(report.file.name)]
    # …and once the report is klaar, a late winner of nothing cannot overwrite it.
    assert services.report_render_file(report_id=report.pk, token=alive) is False
    assert len(pdf_files(reports_root)) == 1


def test_the_redelivered_task_takes_over_its_own_claim_at_once(report: Report) -> None:
    first = services.report_claim(report_id=report.pk, task_id="task-1")

    again = services.report_claim(report_id=report.pk, task_id="task-1")

    assert again is not None and again != first
    report.refresh_from_db()
    assert (report.claim_token, report.attempts) == (again, 2)


def test_a_dead_claim_past_the_last_attempt_fails_with_a_reason(report: Report, settings: Settings) -> None:
    settings.REPORT_MAX_RETRIES = 1
    services.report_claim(report_id=report.pk, task_id="task-1")
    services.report_claim(report_id=report.pk, task_id="task-1")

    assert services.report_claim(report_id=report.pk, task_id="task-1") is None

    report.refresh_from_db()
    assert (report.status, report.attempts) == (Report.Status.FAILED, 2)
    assert report.error == "De PDF werd na 2 pogingen niet op tijd gemaakt. Vraag hem later opnieuw aan."


def test_a_stale_claim_is_queued_again_and_rendered_a_living_one_is_not(
    report: Report, circle: Circle, settings: Settings, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REPORT_CLAIM_STALE_SECONDS = 15
    services.report_claim(report_id=report.pk, task_id="task-1")
    heartbeat_stops(report, seconds_ago=20)
    living = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle)
    services.report_claim(report_id=living.pk, task_id="task-2")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_resume_abandoned() == [report.pk]

    report.refresh_from_db()
    assert (report.status, report.attempts) == (Report.Status.DONE, 2)
    living.refresh_from_db()
    assert living.status == Report.Status.RENDERING


def test_a_stale_claim_past_the_last_attempt_is_failed_not_queued(report: Report, settings: Settings) -> None:
    settings.REPORT_MAX_RETRIES = 0
    services.report_claim(report_id=report.pk, task_id="task-1")
    heartbeat_stops(report, seconds_ago=60)

    assert services.reports_resume_abandoned() == []

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "na 1 pogingen" in report.error


def test_a_transient_error_of_an_attempt_that_lost_its_claim_changes_nothing(report: Report) -> None:
    dead = services.report_claim(report_id=report.pk, task_id="task-1")
    alive = services.report_claim(report_id=report.pk, task_id="task-1")
    assert dead is not None and alive is not None

    assert services.report_retry_or_fail(report_id=report.pk, token=dead) is None
    services.report_fail_permanently(report_id=report.pk, token=dead)

    report.refresh_from_db()
    assert (report.status, report.claim_token) == (Report.Status.RENDERING, alive)


@pytest.mark.django_db(transaction=True)
def test_a_render_renews_its_heartbeat_while_it_runs(report: Report, settings: Settings) -> None:
    settings.REPORT_HEARTBEAT_SECONDS = 1
    token = services.report_claim(report_id=report.pk, task_id="task-1")
    assert token is not None
    claimed_at = Report.objects.get(pk=report.pk).heartbeat_at
    assert claimed_at is not None

    with services.report_claim_kept(report_id=report.pk, token=token):
        time.sleep(2.5)  # a render that holds its thread

    beats = Report.objects.get(pk=report.pk).heartbeat_at
    assert beats is not None and beats - claimed_at >= datetime.timedelta(seconds=1.5)

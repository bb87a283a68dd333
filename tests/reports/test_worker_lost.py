"""A report whose worker dies mid-render still ends klaar, with one PDF (real workers; CI: REQUIRE_SERVICES=1).

The first worker pauses in every render (tests/reports/slow_render_settings.py) so it can be
killed while it holds the claim; the report row and the files on disk are checked, not a result
backend.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from circles.models import Circle
from reports import services
from reports.models import Report
from tests.factories import first_session, record_attendance, record_outcome
from tests.reports.worker import (
    kill_worker,
    own_redis_db,
    pool_children,
    sending_to,
    start_worker,
    stop_worker,
    wait_for_status,
    wait_until_finished,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SLOW = {"DJANGO_SETTINGS_MODULE": "tests.reports.slow_render_settings"}


@pytest.fixture
def broker(redis_url: str) -> Iterator[str]:
    with sending_to(own_redis_db(redis_url)) as url:
        yield url


@pytest.fixture
def report(postgres: None, circle: Circle, projectleider: User) -> Report:
    session = first_session(circle)
    record_attendance(session)
    record_outcome(session, central_question="Wat als de worker halverwege sterft?")
    report, reused = services.report_request(
        kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session, user=projectleider
    )
    assert not reused
    return report


def pdf_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.pdf"))


def log_tail(log: Path) -> str:
    return log.read_text(errors="replace")[-4000:]


def test_a_report_whose_worker_was_killed_mid_render_ends_klaar_soon_after_a_worker_is_back(
    broker: str, report: Report, reports_root: Path, tmp_path: Path
) -> None:
    reports_root.mkdir(parents=True, exist_ok=True)
    log = tmp_path / "worker.log"
    first = start_worker(broker, reports_root, log, env=SLOW)
    try:
        assert wait_for_status(report, Report.Status.RENDERING, seconds=60), log_tail(log)
        time.sleep(1)  # inside the render's pause, a heartbeat or none yet
    finally:
        kill_worker(first)  # the worker and its pool child, no chance to requeue or clean up
    report.refresh_from_db()
    assert report.status == Report.Status.RENDERING
    assert pdf_files(reports_root) == []

    second = start_worker(broker, reports_root, log)  # no beat, no pause
    back = time.monotonic()
    try:
        finished = wait_until_finished(report, second, seconds=30)
        elapsed = time.monotonic() - back
    finally:
        stop_worker(second)

    assert finished, f"report still {report.status} 30 s after the worker was back:\n{log_tail(log)}"
    assert report.status == Report.Status.DONE, report.error
    assert report.attempts == 2
    assert pdf_files(reports_root) == [reports_root / str(report.file.name)]
    assert report.file.read().startswith(b"%PDF")
    print(f"klaar {elapsed:.1f} s after the worker was back")


def test_a_render_whose_pool_process_was_killed_is_taken_over_by_its_redelivered_task(
    broker: str, report: Report, reports_root: Path, tmp_path: Path
) -> None:
    """The worker itself lives on and hands the message back (reject_on_worker_lost); the heartbeat
    would not go stale within the test, so only "the claim is my own task's" lets it finish."""
    reports_root.mkdir(parents=True, exist_ok=True)
    log = tmp_path / "worker.log"
    env = {**SLOW, "REPORT_TEST_RENDER_DELAY_SECONDS": "4", "REPORT_CLAIM_STALE_SECONDS": "600"}
    worker = start_worker(broker, reports_root, log, env=env)
    try:
        assert wait_for_status(report, Report.Status.RENDERING, seconds=60), log_tail(log)
        task_id = report.claim_task_id
        time.sleep(1)
        for child in pool_children(worker):
            os.kill(child, signal.SIGKILL)
        finished = wait_until_finished(report, worker, seconds=30)
    finally:
        stop_worker(worker)

    assert finished, f"report still {report.status} 30 s after its pool process died:\n{log_tail(log)}"
    assert report.status == Report.Status.DONE, report.error
    assert (report.attempts, report.claim_task_id) == (2, task_id)
    assert pdf_files(reports_root) == [reports_root / str(report.file.name)]

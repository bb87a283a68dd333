"""A real `celery worker` process renders a report requested through the page (CI: REQUIRE_SERVICES=1)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.http import FileResponse
from django.test import Client
from django.urls import reverse

from reports.models import Report
from tests.factories import first_session, make_report_circle, record_attendance, record_outcome
from tests.reports.conftest import pdf_text
from tests.reports.worker import own_redis_db, sending_to, start_worker, stop_worker, wait_until_finished

WAIT_SECONDS = 60


@pytest.fixture
def broker(redis_url: str) -> Iterator[str]:
    """This process queues to Redis (a database of our own) instead of running tasks eagerly."""
    with sending_to(own_redis_db(redis_url)) as url:
        yield url


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_a_report_requested_through_the_page(
    postgres: None,
    broker: str,
    client: Client,
    projectleider: User,
    begeleider: User,
    reports_root: Path,
    tmp_path: Path,
) -> None:
    circle = make_report_circle(projectleider, [projectleider, begeleider])
    session = first_session(circle)
    record_attendance(session)
    record_outcome(session, central_question="Wat heeft de worker voor ons gemaakt?")
    reports_root.mkdir(parents=True, exist_ok=True)
    log = tmp_path / "worker.log"
    worker = start_worker(broker, reports_root, log)
    try:
        client.force_login(projectleider)
        response = client.post(reverse("reports:request_session", args=[session.code]))
        report = Report.objects.get()
        assert response["Location"] == reverse("reports:detail", args=[report.code])
        assert report.status == Report.Status.QUEUED  # not rendered in this process

        finished = wait_until_finished(report, worker, seconds=WAIT_SECONDS)
    finally:
        stop_worker(worker)

    assert finished, f"report still {report.status} after {WAIT_SECONDS}s; worker log:\n{log.read_text()[-3000:]}"
    assert report.status == Report.Status.DONE, report.error
    assert "reports.tasks.report_render" in log.read_text()
    download = client.get(reverse("reports:download", args=[report.code]))
    assert download.status_code == 200
    assert isinstance(download, FileResponse)
    text = pdf_text(b"".join(download.streaming_content))
    assert "Samenvatting opbrengst Leerkring 1" in text
    assert "Wat heeft de worker voor ons gemaakt?" in text

"""A real `celery worker` process renders a report requested through the page (CI: REQUIRE_SERVICES=1)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from leerkring.celery import app
from reports.models import Report
from tests.reports.builders import make_report_circle, record_attendance, record_outcome
from tests.reports.conftest import pdf_text

# A Redis database of its own, so no other worker on the same Redis takes our message.
TEST_REDIS_DB = 12
WAIT_SECONDS = 60


def database_url() -> str:
    """The test database pytest-django created, as a DATABASE_URL for the worker."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def own_redis_db(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{TEST_REDIS_DB}"))


def reset_connection_pools() -> None:
    """Celery keeps its broker connections; drop them so the next send uses the current broker_url."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(redis_url: str) -> Iterator[str]:
    """Send tasks to Redis from this process for the test, then restore the eager app."""
    url = own_redis_db(redis_url)
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "broker_write_url")}
    app.conf.update(task_always_eager=False, broker_url=url, broker_write_url=url)
    reset_connection_pools()
    yield url
    reset_connection_pools()
    app.conf.update(saved)


def start_worker(broker_url: str, reports_root: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker_url,
        "REPORTS_ROOT": str(reports_root),
        "VAR_DIR": str(log.parent / "var"),
    }
    command = [sys.executable, "-m", "celery", "-A", "leerkring", "worker", "--concurrency=1", "--loglevel=INFO"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"reports-test-{os.getpid()}@%h"]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=settings.BASE_DIR)


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)


def wait_until_finished(report: Report, worker: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in {Report.Status.DONE, Report.Status.FAILED}:
            return
        assert worker.poll() is None, f"the worker stopped:\n{log.read_text()[-3000:]}"
        time.sleep(0.5)
    pytest.fail(f"report still {report.status} after {WAIT_SECONDS}s; worker log:\n{log.read_text()[-3000:]}")


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_renders_a_report_requested_through_the_page(
    postgres: None,
    broker: str,
    client: Client,
    projectleider: User,
    begeleider: User,
    reports_root: Path,
    tmp_path: Path,
    **_: Any,
) -> None:
    circle = make_report_circle(projectleider, [projectleider, begeleider])
    session = circle.sessions.first()
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

        wait_until_finished(report, worker, log)
    finally:
        stop_worker(worker)

    assert report.status == Report.Status.DONE, report.error
    assert "reports.tasks.report_render" in log.read_text()
    download = client.get(reverse("reports:download", args=[report.code]))
    assert download.status_code == 200
    text = pdf_text(b"".join(download.streaming_content))
    assert "Samenvatting opbrengst Leerkring 1" in text
    assert "Wat heeft de worker voor ons gemaakt?" in text

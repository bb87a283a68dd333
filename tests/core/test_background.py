"""Queueing after commit with Redis down: requests answer normally, the work waits in the database.

The broker and cache here are a redis-server of the test's own (tests/redis_server.py), killed
and started again by the test; the shared Redis is never touched.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from circles import ratelimit
from circles.models import Registration
from leerkring.core import background
from leerkring.core.models import OutgoingMail
from leerkring.core.tasks import outbox_deliver
from leerkring.settings import LOCAL_CACHE
from reports.models import Report
from reports.tasks import report_requeue_stuck
from tests.factories import first_session, make_report_circle, open_circle, record_outcome, signup_data
from tests.redis_server import OwnRedis, free_port
from tests.reports.worker import reset_connection_pools, sending_to, start_worker, stop_worker

WAIT_SECONDS = 60


@pytest.fixture(autouse=True)
def _fresh_fallbacks() -> Iterator[None]:
    """Each test starts with the shared cache and broker trusted again, and leaves them so."""
    background._broker_down_until = 0.0
    ratelimit._shared_down_until = 0.0
    yield
    background._broker_down_until = 0.0
    ratelimit._shared_down_until = 0.0


def _redis_cache(url: str) -> dict[str, dict[str, object]]:
    options = {"socket_connect_timeout": 1, "socket_timeout": 1}
    redis_cache: dict[str, object] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "OPTIONS": options,
    }
    return {"default": redis_cache, "local": dict(LOCAL_CACHE)}


def test_queueing_with_the_broker_unreachable_answers_at_once_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    with sending_to(f"redis://127.0.0.1:{free_port()}/0"):
        started = time.monotonic()
        assert background.enqueue(outbox_deliver, 41) is False
        first = time.monotonic() - started
        with mock.patch.object(outbox_deliver, "apply_async") as publish:
            # Moments later the next one is not even tried: a change queueing 25 mails waits once.
            assert background.enqueue(outbox_deliver, 42) is False
        publish.assert_not_called()
    assert first < 5
    assert "Not queued leerkring.core.tasks.outbox_deliver(41,): the broker is unreachable" in caplog.text
    assert "the sweep will pick it up" in caplog.text


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_with_redis_down_sign_up_and_pdf_answer_normally_and_the_work_is_done_once_it_is_back(
    postgres: None,
    client: Client,
    projectleider: User,
    begeleider: User,
    settings: Settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    open_for_signup = open_circle(projectleider)
    session = first_session(make_report_circle(projectleider, [projectleider, begeleider]))
    record_outcome(session)
    reports_root = tmp_path / "reports"
    settings.REPORTS_ROOT = reports_root
    own = OwnRedis(tmp_path / "redis")
    own.start()
    settings.CACHES = _redis_cache(own.url)
    with sending_to(own.url):
        own.kill()

        started = time.monotonic()
        signup = client.post(reverse("circles:public_detail", args=[open_for_signup.code]), signup_data())
        assert signup.status_code == 302
        assert signup["Location"] == reverse("circles:signup_done", args=[open_for_signup.code])
        client.force_login(projectleider)
        pdf = client.post(reverse("reports:request_session", args=[session.code]))
        report = Report.objects.get()
        assert pdf.status_code == 302
        assert pdf["Location"] == reverse("reports:detail", args=[report.code])
        assert time.monotonic() - started < 10

        queued = OutgoingMail.objects.get()
        assert (queued.status, queued.to_email) == (OutgoingMail.Status.QUEUED, Registration.objects.get().email)
        assert report.status == Report.Status.QUEUED
        assert "Sign-up rate limit: the shared cache is unreachable" in caplog.text
        assert "Not queued leerkring.core.tasks.outbox_deliver" in caplog.text

        own.start()
        log = tmp_path / "worker.log"
        # Beat inside the worker sweeps the outbox every second; reports count as stuck after a second.
        env = {"OUTBOX_SWEEP_SECONDS": "1", "REPORT_STUCK_AFTER_SECONDS": "1", "EMAIL_BACKEND": ""}
        worker = start_worker(own.url, reports_root, log, env=env, beat=True)
        try:
            sent = _wait_for(lambda: OutgoingMail.objects.get().status == OutgoingMail.Status.SENT, worker)
            # The report sweep, which beat sends every five minutes, sent here once.
            reset_connection_pools()
            report_requeue_stuck.delay()
            done = _wait_for(lambda: Report.objects.get().status == Report.Status.DONE, worker)
        finally:
            stop_worker(worker)
            own.kill()
    assert sent, f"mail still {OutgoingMail.objects.get().status}; worker log:\n{log.read_text()[-3000:]}"
    assert done, f"report still {Report.objects.get().status}; worker log:\n{log.read_text()[-3000:]}"
    [delivered] = (tmp_path / "var" / "mail").glob("*.log")
    assert f"Subject: Aangemeld voor {open_for_signup.name}" in delivered.read_text()


def _wait_for(condition: Callable[[], bool], worker: subprocess.Popen[bytes]) -> bool:
    """Poll the database until the condition holds; False on time-out. Raises if the worker died."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return True
        if worker.poll() is not None:
            raise RuntimeError("the worker stopped")
        time.sleep(0.2)
    return False

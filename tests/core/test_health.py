"""/health/: 200 when database, report storage, broker and a worker are fine; 503 naming what is not."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.test import Client
from pytest_django.fixtures import Settings

from tests.conftest import require_service
from tests.idp.server import free_port
from tests.reports.worker import sending_to, start_worker, stop_worker

pytestmark = pytest.mark.django_db


def health(client: Client) -> tuple[int, dict[str, object]]:
    response = client.get("/health/")
    assert response["Content-Type"] == "application/json"
    return response.status_code, response.json()


def test_the_embedded_default_has_no_broker_or_worker_to_check_and_says_so(client: Client) -> None:
    status, body = health(client)
    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"] == {
        "database": "ok",
        "report_storage": "ok",
        "broker": "not used: tasks run in-process (no REDIS_URL)",
        "worker": "not used: tasks run in-process (no REDIS_URL)",
    }


def test_health_answers_whatever_host_the_container_check_uses(client: Client, settings: Settings) -> None:
    settings.ALLOWED_HOSTS = ["leerkring.example.nl"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/", HTTP_HOST="127.0.0.1:8000").status_code == 200
    assert client.get("/bouwstenen/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_an_unwritable_report_storage_is_named(client: Client, settings: Settings, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    settings.REPORTS_ROOT = blocked
    status, body = health(client)
    assert status == 503
    assert body["failing"] == ["report_storage"]
    assert str(body["checks"]["report_storage"]).startswith("failing:")  # type: ignore[index]


def wait_for_redis(url: str, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            redis.Redis.from_url(url, socket_connect_timeout=1).ping()
            return
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A redis-server of this test's own on a free port, which the test may stop."""
    server = shutil.which("redis-server")
    require_service(server is not None, "this test needs redis-server (apt-get install redis-server)")
    assert server is not None
    port = free_port()
    command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen([*command, "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for_redis(url)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


def wait_for_health(client: Client, status: int, seconds: float) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while True:
        code, body = health(client)
        if code == status or time.monotonic() > deadline:
            assert code == status, body
            return body
        time.sleep(0.5)


@pytest.mark.services
def test_200_with_a_real_worker_and_503_naming_the_broker_once_it_stops(
    postgres: None, client: Client, own_redis: tuple[str, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    url, redis_process = own_redis
    with sending_to(url):
        worker = start_worker(url, tmp_path / "reports", tmp_path / "worker.log")
        try:
            body = wait_for_health(client, 200, seconds=60)
            checks = body["checks"]
            assert isinstance(checks, dict)
            assert checks["broker"] == "ok"
            assert str(checks["worker"]).startswith("ok: reports-test-")

            redis_process.terminate()
            redis_process.wait(timeout=10)
            body = wait_for_health(client, 503, seconds=10)
        finally:
            stop_worker(worker)
    assert body["status"] == "failing"
    assert body["failing"] == ["broker", "worker"]
    assert body["checks"]["database"] == "ok"  # type: ignore[index]


@pytest.mark.services
def test_503_names_the_worker_when_none_answers(client: Client, own_redis: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, _ = own_redis
    with sending_to(url):
        body = wait_for_health(client, 503, seconds=10)
    assert body["failing"] == ["worker"]
    assert body["checks"]["broker"] == "ok"  # type: ignore[index]

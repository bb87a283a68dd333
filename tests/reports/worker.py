"""Start and stop a real `celery worker` against the current test database (tests and bench)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings
from django.db import connection
from kombu import pools

from leerkring.celery import app
from reports.models import Report

# A Redis database of its own, so no other worker on the same Redis takes our message.
# TEST_REDIS_DB lets two checkouts test side by side on one Redis.
TEST_REDIS_DB = int(os.environ.get("TEST_REDIS_DB", "12"))


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
    """Celery keeps its broker connections; drop them so the next send uses the current broker_url.

    kombu registers each pool per broker URL: close and forget them all, or a process that sent to
    this URL before would be handed its closed pool again ("Acquire on closed pool").
    """
    pools.reset()
    # Private attributes, which celery-types does not declare.
    app._pool = None  # type: ignore[attr-defined]
    app.amqp._producer_pool = None  # type: ignore[attr-defined]


@contextmanager
def sending_to(url: str) -> Iterator[str]:
    """Send tasks to this broker from this process (not eagerly), then restore the app's settings."""
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "broker_write_url")}
    app.conf.update(task_always_eager=False, broker_url=url, broker_write_url=url)
    reset_connection_pools()
    try:
        yield url
    finally:
        reset_connection_pools()
        app.conf.update(saved)


def start_worker(
    broker_url: str, reports_root: Path, log: Path, *, env: dict[str, str] | None = None, beat: bool = False
) -> subprocess.Popen[bytes]:
    """`env` adds settings for the worker; `beat` runs Celery beat inside it (its schedule file beside the log)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings",
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker_url,
        "REPORTS_ROOT": str(reports_root),
        "VAR_DIR": str(log.parent / "var"),
        **(env or {}),
    }
    command = [sys.executable, "-m", "celery", "-A", "leerkring", "worker", "--concurrency=1", "--loglevel=INFO"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"reports-test-{os.getpid()}@%h"]
    if beat:
        command += ["--beat", "--schedule", str(log.parent / "beat-schedule")]
    with log.open("ab") as out:
        # A process group of its own, so kill_worker can take the worker and its pool children at once.
        return subprocess.Popen(
            command,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=settings.BASE_DIR,
            start_new_session=True,
        )


def kill_worker(worker: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker and its pool children at once, as an OOM killer or a lost host would."""
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def pool_children(worker: subprocess.Popen[bytes]) -> list[int]:
    """The pids of the worker's pool processes (Linux /proc)."""
    children = []
    for task in Path(f"/proc/{worker.pid}/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    return children


def wait_for_status(report: Report, status: str, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status == status:
            return True
        time.sleep(0.05)
    return False


def wait_until_finished(report: Report, worker: subprocess.Popen[bytes], *, seconds: float) -> bool:
    """Poll the row until klaar or mislukt; False on time-out. Raises if the worker died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in {Report.Status.DONE, Report.Status.FAILED}:
            return True
        if worker.poll() is not None:
            raise RuntimeError("the worker stopped")
        time.sleep(0.1)
    return False


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            kill_worker(worker)

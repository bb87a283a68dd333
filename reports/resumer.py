"""In every Celery worker: queue again the reports whose render died with its worker.

A worker killed outright (SIGKILL, OOM, a lost host) leaves its report "bezig" and its message
unacknowledged in Redis until the broker's visibility timeout (an hour). The claim's heartbeat
says sooner that nobody renders it: a thread in each worker's main process looks every
REPORT_RESUME_CHECK_SECONDS, from the moment the worker is ready, and queues such reports again
(reports.services.reports_resume_abandoned), so they finish soon after a worker is back, with or
without beat. The conditional updates there make several workers looking at once harmless.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connections

logger = logging.getLogger(__name__)

_stop = threading.Event()


def resume_once() -> None:
    from reports import services

    try:
        resumed = services.reports_resume_abandoned()
    except (DatabaseError, InterfaceError) as exc:
        logger.warning("Could not look for abandoned reports: %s", exc)
        return
    finally:
        # No connection stays open in this thread between looks, so a pool child forked meanwhile
        # inherits none of it.
        connections.close_all()
    if resumed:
        logger.warning("Queued again reports whose worker died mid-render: %s", resumed)


def run() -> None:
    while True:
        try:
            resume_once()
        except Exception:  # a bug here must not end the looking for good; it is logged every round
            logger.exception("Looking for abandoned reports failed")
        if _stop.wait(settings.REPORT_RESUME_CHECK_SECONDS):
            return


def start(**_signal: Any) -> None:
    """worker_ready: start looking."""
    _stop.clear()
    threading.Thread(target=run, name="reports-resumer", daemon=True).start()


def stop(**_signal: Any) -> None:
    """worker_shutdown."""
    _stop.set()

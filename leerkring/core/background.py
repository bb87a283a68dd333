"""Queue a Celery task once the transaction commits, without ever hanging or failing the request.

"After commit" is written here once: a worker never looks for a row not yet written, and a
rolled-back change queues nothing. The message only says "look now": what was promised is a
database row already (an outbox mail, a report in wachtrij), so when the broker is unreachable
the request still answers normally, a warning says what was not queued, and the periodic sweep
(beat) picks the row up once the broker is back.

Publishing is bounded by settings (CELERY_BROKER_CONNECTION_TIMEOUT, the publish retry policy,
socket timeouts), and after one failure this process stops trying for BROKER_PAUSE_SECONDS: a
change that queues 25 mails costs one failed attempt, not 25.
"""

from __future__ import annotations

import logging
import time
from functools import partial
from typing import Any

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# What publishing raises when the broker is down or unreachable.
BROKER_ERRORS = (OperationalError, OSError)
BROKER_PAUSE_SECONDS = 15.0

_broker_down_until = 0.0


def enqueue_after_commit(task: Task[Any, Any], *args: Any) -> None:
    """Send `task(*args)` after the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(enqueue, task, *args))


def enqueue(task: Task[Any, Any], *args: Any) -> bool:
    """Send the task now; False (and a warning) when the broker could not take it."""
    global _broker_down_until
    if task.app.conf.task_always_eager:
        # In-process (no REDIS_URL): the task runs here and now; there is no broker to miss.
        task.apply_async(args=args)
        return True
    if time.monotonic() < _broker_down_until:
        logger.warning(
            "Not queued %s%r: the broker was unreachable moments ago; the sweep will pick it up", task.name, args
        )
        return False
    try:
        task.apply_async(args=args)
    except BROKER_ERRORS as exc:
        _broker_down_until = time.monotonic() + BROKER_PAUSE_SECONDS
        logger.warning(
            "Not queued %s%r: the broker is unreachable (%s); the sweep will pick it up", task.name, args, exc
        )
        return False
    _broker_down_until = 0.0
    return True

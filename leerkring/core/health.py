"""/health/ for load balancers and docker compose: 200 when all is well, 503 naming what is not.

A few lines of our own rather than django-health-check: we check exactly four things, one of
them our own `reports` storage, and on the embedded default (tasks in-process, no REDIS_URL)
there is no broker or worker to check. The worker counts as seen when one answers a ping
through the broker now (the main process of a prefork worker answers even while it renders).

A middleware answers before host validation and the https redirect, so a container's own
healthcheck (http://127.0.0.1:8000/health/) works whatever ALLOWED_HOSTS says.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import connection
from django.http import HttpRequest, HttpResponseBase, JsonResponse

from leerkring.core.storage import reports_storage

logger = logging.getLogger(__name__)

PATH = "/health/"
WORKER_PING_SECONDS = 2
NOT_USED = "not used: tasks run in-process (no REDIS_URL)"

Check = Callable[[], str]


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def check_report_storage() -> str:
    name = reports_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    reports_storage.delete(name)
    return "ok"


def check_broker() -> str:
    from leerkring.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=WORKER_PING_SECONDS)
    return "ok"


def check_worker() -> str:
    from leerkring.celery import app

    answers = app.control.ping(timeout=WORKER_PING_SECONDS, limit=1)
    if not answers:
        raise RuntimeError("no worker answered a ping")
    return f"ok: {', '.join(sorted(name for answer in answers for name in answer))}"


def checks() -> dict[str, Check | str]:
    """What to check; a string instead of a check says why there is nothing to check."""
    from leerkring.celery import app

    in_process = bool(app.conf.task_always_eager)
    return {
        "database": check_database,
        "report_storage": check_report_storage,
        "broker": NOT_USED if in_process else check_broker,
        "worker": NOT_USED if in_process else check_worker,
    }


def run_checks() -> tuple[dict[str, str], list[str]]:
    results: dict[str, str] = {}
    failing: list[str] = []
    for name, check in checks().items():
        if isinstance(check, str):
            results[name] = check
            continue
        if name == "worker" and "broker" in failing:
            results[name] = "not checked: the broker is down"
            failing.append(name)
            continue
        try:
            results[name] = check()
        except Exception as exc:  # a health check reports every failure instead of raising it
            logger.warning("Health check %s failed: %s", name, exc)
            results[name] = f"failing: {type(exc).__name__}"
            failing.append(name)
    return results, failing


def health_response() -> JsonResponse:
    results, failing = run_checks()
    body = {"status": "failing" if failing else "ok", "failing": failing, "checks": results}
    response = JsonResponse(body, status=503 if failing else 200)
    # Answered before the page middleware: it carries what a JSON answer needs itself.
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path == PATH and request.method in {"GET", "HEAD"}:
            return health_response()
        return self.get_response(request)

"""Celery tasks for reports: thin, they take ids and leave the work to reports.services."""

from __future__ import annotations

import logging

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, InterfaceError

from reports import certificates, period_reports, services

logger = logging.getLogger(__name__)

# Errors that may pass on their own: a full or flaky disk, a dropped database connection.
# A render that hits the soft time limit would hit it again; it and anything else fail at once.
TRANSIENT_ERRORS = (OSError, DatabaseError, InterfaceError)


def retry_countdown(attempts: int) -> int:
    """10 s, 20 s, 40 s, … capped at five minutes."""
    return int(min(300, 10 * 2 ** max(attempts - 1, 0)))


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=settings.REPORT_MAX_RETRIES,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def report_render(self: Task, report_id: int) -> None:
    token = services.report_claim(report_id=report_id, task_id=self.request.id or "")
    if token is None:
        return
    try:
        with services.report_claim_kept(report_id=report_id, token=token):
            services.report_render_file(report_id=report_id, token=token)
    except TRANSIENT_ERRORS as exc:
        logger.warning("Report %s: transient render error: %s", report_id, exc)
        attempts = services.report_retry_or_fail(report_id=report_id, token=token)
        if attempts is None:
            return
        if self.request.is_eager:
            # In-process (no broker) a delayed retry cannot be delivered and Retry would
            # propagate into the request: try again right away, still bounded by the attempts.
            self.apply(args=(report_id,), retries=self.request.retries + 1)
            return
        raise self.retry(exc=exc, countdown=retry_countdown(attempts)) from exc
    except SoftTimeLimitExceeded:
        logger.warning("Report %s: render exceeded the soft time limit", report_id)
        services.report_fail_too_slow(report_id=report_id, token=token)
    except Exception:
        logger.exception("Report %s could not be rendered", report_id)
        services.report_fail_permanently(report_id=report_id, token=token)


@shared_task
def report_requeue_stuck() -> int:
    return len(services.reports_requeue_stuck())


@shared_task
def certificates_issue_due() -> int:
    """Beat, daily: certificates for who earned one in a circle whose last session has passed.
    Safe to run twice: one valid certificate per sign-up is a database constraint."""
    return certificates.certificates_issue_due()


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=settings.REPORT_MAX_RETRIES,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def period_report_render(self: Task, report_id: int) -> None:
    if not period_reports.period_report_claim(report_id=report_id):
        return
    try:
        period_reports.period_report_render_file(report_id=report_id)
    except TRANSIENT_ERRORS as exc:
        logger.warning("Period report %s: transient render error: %s", report_id, exc)
        attempts = period_reports.period_report_retry_or_fail(report_id=report_id)
        if attempts is None:
            return
        if self.request.is_eager:
            self.apply(args=(report_id,), retries=self.request.retries + 1)
            return
        raise self.retry(exc=exc, countdown=retry_countdown(attempts)) from exc
    except Exception:
        logger.exception("Period report %s could not be rendered", report_id)
        period_reports.period_report_fail(report_id=report_id)

"""Sign-up e-mails and the periodic tasks around them. Thin: load by key, call a service."""

from __future__ import annotations

from collections.abc import Sequence
from smtplib import SMTPException
from typing import TypedDict

from celery import shared_task
from django.utils import timezone

from circles.services import registrations as services

# Only failures that may pass on their own are retried.
TRANSIENT = (SMTPException, ConnectionError, TimeoutError)


class RetryOptions(TypedDict):
    autoretry_for: Sequence[type[BaseException]]
    max_retries: int
    retry_backoff: int
    retry_jitter: bool


RETRY: RetryOptions = {"autoretry_for": TRANSIENT, "max_retries": 3, "retry_backoff": 60, "retry_jitter": True}


@shared_task(**RETRY)
def registration_send_mail(registration_id: int, kind: str) -> None:
    services.registration_mail(registration_id=registration_id, kind=kind)


@shared_task(**RETRY)
def registration_send_session_change(registration_id: int, session_id: int, old: dict[str, str]) -> None:
    services.registration_mail_session_change(registration_id=registration_id, session_id=session_id, old=old)


@shared_task
def registrations_send_reminders() -> int:
    """Beat, every 15 minutes. Safe to run twice or concurrently: each reminder is claimed first."""
    return services.registrations_remind(now=timezone.now())


@shared_task
def registrations_anonymise_expired() -> int:
    return services.registrations_anonymise_expired(today=timezone.localdate())

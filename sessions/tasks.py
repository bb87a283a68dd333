"""The periodic tasks of sessions. Thin: call a service; the mails go through the outbox."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from sessions.evaluation.services import evaluations_send


@shared_task
def evaluations_send_due() -> int:
    """Beat, every hour. Safe to run twice or concurrently: each invitation and reminder is claimed first."""
    return evaluations_send(now=timezone.now())

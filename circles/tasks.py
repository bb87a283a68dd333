"""The periodic tasks around sign-ups. Thin: call a service. Their mails go through the outbox."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from circles.services import registrations as services


@shared_task
def registrations_send_reminders() -> int:
    """Beat, every 15 minutes. Safe to run twice or concurrently: each reminder is claimed first."""
    return services.registrations_remind(now=timezone.now())


@shared_task
def registrations_anonymise_expired() -> int:
    return services.registrations_anonymise_expired(today=timezone.localdate())

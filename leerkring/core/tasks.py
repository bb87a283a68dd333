"""Outbox and figures tasks: thin, they take an id (or nothing) and leave the work to
leerkring/core/outbox.py and leerkring/core/figures.py.

No acks_late and no Celery retries: the row is the promise. A lost or unacknowledged message
leaves the mail in wachtrij for the sweep; a temporary failure sets its next attempt on the row.
"""

from __future__ import annotations

from celery import shared_task

from leerkring.core import figures, outbox


@shared_task
def outbox_deliver(mail_id: int) -> None:
    outbox.mail_deliver(mail_id=mail_id)


@shared_task
def outbox_sweep() -> int:
    """Beat, every OUTBOX_SWEEP_SECONDS. Safe to overlap with itself and with outbox_deliver."""
    return outbox.outbox_sweep()


@shared_task
def figures_refresh() -> int:
    """After a change: count the cached figures again (leerkring/core/figures.py)."""
    return figures.refresh()

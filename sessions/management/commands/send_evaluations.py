"""Send the evaluation invitations and reminders that are due now (what beat runs every hour)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from sessions.evaluation.services import evaluations_send


class Command(BaseCommand):
    help = "Queue the evaluation and impact invitations and reminders that are due (safe to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = evaluations_send(now=timezone.now())
        self.stdout.write(_("%(count)d e-mails in de wachtrij gezet.") % {"count": count})

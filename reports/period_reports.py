"""PDFs about a period (a year) instead of one circle: "Signalen uit de praktijk" and the programme folder.

The same status life as reports.services (wachtrij → bezig → klaar / mislukt), every transition
a conditional UPDATE, so a second delivery of the task or the sweeper never renders twice.
Permissions: views ask reports.access first.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from leerkring.core.background import enqueue_after_commit
from reports.models import PeriodReport
from reports.selectors import programme_context, signals_report_context

Status = PeriodReport.Status
TEMPLATES = {
    PeriodReport.Kind.SIGNALS: "reports/pdf/signals.html",
    PeriodReport.Kind.PROGRAMME: "reports/pdf/programme.html",
}


def period_report_context(*, report: PeriodReport) -> dict[str, Any]:
    with translation.override(report.language):
        if report.kind == PeriodReport.Kind.PROGRAMME:
            return programme_context(period=report.period)
        return signals_report_context(period=report.period)


def period_report_request(*, kind: str, period: int, user: User | None, language: str | None = None) -> PeriodReport:
    """Create the status row and queue its render after commit."""
    report = PeriodReport.objects.create(
        kind=kind,
        period=period,
        requested_by=user,
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    period_report_enqueue(report_id=report.pk)
    return report


def period_report_enqueue(*, report_id: int) -> None:
    from reports.tasks import period_report_render

    enqueue_after_commit(period_report_render, report_id)


def period_report_claim(*, report_id: int) -> bool:
    now = timezone.now()
    claimed = PeriodReport.objects.filter(pk=report_id, status=Status.QUEUED).update(
        status=Status.RENDERING, started_at=now, status_changed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


def period_report_render_file(*, report_id: int) -> bool:
    """Render a claimed report and store its PDF; False when it was taken away meanwhile."""
    from reports.pdf import render_pdf

    report = PeriodReport.objects.get(pk=report_id)
    context = period_report_context(report=report)
    with translation.override(report.language):
        pdf = render_pdf(
            template_name=TEMPLATES[PeriodReport.Kind(report.kind)],
            context={**context, "generated_at": timezone.localtime()},
        )
    storage = report.file.storage
    name = storage.save(report.file.field.generate_filename(report, f"{report.code}.pdf"), ContentFile(pdf))
    now = timezone.now()
    stored = PeriodReport.objects.filter(pk=report_id, status=Status.RENDERING, attempts=report.attempts).update(
        status=Status.DONE, file=name, error="", finished_at=now, status_changed_at=now
    )
    if not stored:
        storage.delete(name)
    return bool(stored)


def period_report_retry_or_fail(*, report_id: int) -> int | None:
    """After a transient error: back to wachtrij (returns the attempts so far), or mislukt (None)."""
    report = PeriodReport.objects.get(pk=report_id)
    if report.attempts < settings.REPORT_MAX_RETRIES + 1:
        PeriodReport.objects.filter(pk=report_id, status=Status.RENDERING).update(
            status=Status.QUEUED, status_changed_at=timezone.now()
        )
        return report.attempts
    period_report_fail(report_id=report_id)
    return None


def period_report_fail(*, report_id: int) -> None:
    report = PeriodReport.objects.get(pk=report_id)
    with translation.override(report.language):
        reason = _(
            "De PDF kon niet worden gemaakt. Vraag hem later opnieuw aan; "
            "lukt het dan weer niet, meld het aan de beheerder."
        )
    now = timezone.now()
    PeriodReport.objects.filter(pk=report_id, status=Status.RENDERING).update(
        status=Status.FAILED, error=reason, finished_at=now, status_changed_at=now
    )

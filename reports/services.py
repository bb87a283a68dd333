"""Report workflows: request a PDF, claim and render it, retry or fail it, sweep stuck ones.

A Report row is the status row of one render (wachtrij → bezig → klaar / mislukt). Every
transition is a conditional UPDATE, so two deliveries of one task, or a worker and the
sweeper, never both act on the same report.

Permissions: these services trust their caller. Views ask reports.access first; the one
permission-shaped fact a service needs, whether the requester may see personal data, it reads
from reports.access so that the PDF's content and who may open it follow the same rule.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db.models import F
from django.template.backends.django import Template as DjangoTemplate
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from circles.models import Circle, Session
from leerkring.core.background import enqueue_after_commit
from reports.access import may_see_personal_data
from reports.fingerprint import report_fingerprint
from reports.models import Report
from reports.selectors import (
    certificate_context,
    circle_report_context,
    reflection_context,
    session_summary_context,
)

logger = logging.getLogger(__name__)

TEMPLATES = {
    Report.Kind.SESSION_SUMMARY: "reports/pdf/session_summary.html",
    Report.Kind.CIRCLE_REPORT: "reports/pdf/circle_report.html",
    Report.Kind.CERTIFICATE: "reports/pdf/certificate.html",
    Report.Kind.REFLECTION: "reports/pdf/reflection.html",
}
Status = Report.Status


def report_max_attempts() -> int:
    """The first try plus settings.REPORT_MAX_RETRIES, counted over task retries and sweeps."""
    return settings.REPORT_MAX_RETRIES + 1


def report_context(*, report: Report) -> dict[str, Any]:
    """The plain-data render context, in the report's language."""
    with translation.override(report.language):
        if report.kind == Report.Kind.SESSION_SUMMARY:
            assert report.session is not None
            return session_summary_context(session=report.session, include_personal_data=report.include_personal_data)
        if report.kind == Report.Kind.CERTIFICATE:
            assert report.certificate is not None
            return certificate_context(certificate=report.certificate)
        if report.kind == Report.Kind.REFLECTION:
            assert report.registration is not None
            return reflection_context(registration=report.registration)
        return circle_report_context(circle=report.circle, include_personal_data=report.include_personal_data)


@functools.cache
def layout_fingerprint() -> str:
    """A hash of the PDF templates and stylesheet, so a new layout is never answered with an old PDF."""
    template = get_template(TEMPLATES[Report.Kind.SESSION_SUMMARY])
    assert isinstance(template, DjangoTemplate)  # the reports use Django's template engine
    stylesheet = finders.find("reports/pdf.css")
    assert stylesheet is not None
    folder = Path(template.origin.name).parent
    sources = [*sorted(folder.glob("*.html")), Path(stylesheet)]
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()


def report_file_exists(report: Report) -> bool:
    name = report.file.name
    if not name:
        return False
    return report.file.storage.exists(name)


def report_find_reusable(*, report: Report) -> Report | None:
    """A report of the same subject, flag, language and content that is ready or on its way, or
    whose latest attempt failed: that one is handed back so its page says why, and only an
    explicit "Opnieuw proberen" renders it again (a render that failed would likely fail again,
    and each try would hold a worker for up to the time limit)."""
    candidates = Report.objects.filter(
        kind=report.kind,
        circle=report.circle,
        session=report.session,
        include_personal_data=report.include_personal_data,
        language=report.language,
        content_hash=report.content_hash,
        status__in=(*Report.REUSABLE_STATUSES, Status.FAILED),
    ).order_by("-created_at", "-pk")
    for candidate in candidates[:3]:
        if candidate.is_pending or candidate.is_failed or report_file_exists(candidate):
            return candidate
    return None


def report_request(
    *,
    kind: str,
    circle: Circle,
    session: Session | None = None,
    user: User,
    language: str | None = None,
    retry: bool = False,
) -> tuple[Report, bool]:
    """Create a report and queue its render after commit, or hand back an up-to-date one.

    Returns (report, reused). A failed report of the same content is handed back as it is,
    unless `retry` (the "Opnieuw proberen" button): then a new attempt starts. Names of
    participants (circle reports: the participant list; both kinds: action owners) are
    printed only when the requester may see personal data.
    """
    report = Report(
        kind=kind,
        circle=circle,
        session=session,
        requested_by=user,
        include_personal_data=may_see_personal_data(user),
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
    )
    report.content_hash = report_fingerprint(report, layout=layout_fingerprint())
    existing = report_find_reusable(report=report)
    if existing is not None and not (retry and existing.is_failed):
        return existing, True
    report.save()
    report_enqueue(report_id=report.pk)
    return report, False


def report_enqueue(*, report_id: int) -> None:
    """Render after commit; with the broker unreachable the report waits in wachtrij for the sweeper."""
    from reports.tasks import report_render

    enqueue_after_commit(report_render, report_id)


def report_claim(*, report_id: int) -> bool:
    """wachtrij → bezig, counting the attempt; False when another delivery got there first."""
    now = timezone.now()
    claimed = Report.objects.filter(pk=report_id, status=Status.QUEUED).update(
        status=Status.RENDERING, started_at=now, status_changed_at=now, attempts=F("attempts") + 1
    )
    return claimed == 1


def report_render_file(*, report_id: int) -> bool:
    """Render a claimed report and store its PDF; False when it was taken away meanwhile."""
    from reports.pdf import render_pdf  # WeasyPrint is heavy: load it in workers, not in every web process

    report = Report.objects.select_related("circle", "session", "certificate", "registration").get(pk=report_id)
    context = report_context(report=report)
    with translation.override(report.language):
        pdf = render_pdf(
            template_name=TEMPLATES[Report.Kind(report.kind)],
            context={**context, "generated_at": timezone.localtime()},
        )
    storage = report.file.storage
    name = storage.save(report.file.field.generate_filename(report, f"{report.code}.pdf"), ContentFile(pdf))
    now = timezone.now()
    stored = Report.objects.filter(pk=report_id, status=Status.RENDERING, attempts=report.attempts).update(
        status=Status.DONE, file=name, error="", finished_at=now, status_changed_at=now
    )
    if not stored:
        storage.delete(name)
    return bool(stored)


def report_retry_or_fail(*, report_id: int) -> int | None:
    """After a transient error: back to wachtrij and return the attempts so far, or mislukt and None."""
    report = Report.objects.get(pk=report_id)
    if report.attempts < report_max_attempts():
        Report.objects.filter(pk=report_id, status=Status.RENDERING).update(
            status=Status.QUEUED, status_changed_at=timezone.now()
        )
        return report.attempts
    with translation.override(report.language):
        reason = _(
            "De PDF kon na %(attempts)d pogingen niet worden gemaakt door een tijdelijke storing. "
            "Vraag hem later opnieuw aan."
        ) % {"attempts": report.attempts}
    report_fail(report_id=report_id, reason=reason, from_status=Status.RENDERING)
    return None


def report_fail_permanently(*, report_id: int) -> None:
    report = Report.objects.get(pk=report_id)
    with translation.override(report.language):
        reason = _(
            "De PDF kon niet worden gemaakt door een fout in het programma. Opnieuw proberen helpt "
            "waarschijnlijk niet; meld het aan de beheerder."
        )
    report_fail(report_id=report_id, reason=reason, from_status=Status.RENDERING)


def report_fail_too_slow(*, report_id: int) -> None:
    report = Report.objects.get(pk=report_id)
    with translation.override(report.language):
        reason = _(
            "Het maken van de PDF duurde te lang en is afgebroken. Probeer het later opnieuw; "
            "lukt het dan weer niet, meld het aan de beheerder."
        )
    report_fail(report_id=report_id, reason=reason, from_status=Status.RENDERING)


def report_fail(*, report_id: int, reason: str, from_status: str) -> None:
    now = timezone.now()
    Report.objects.filter(pk=report_id, status=from_status).update(
        status=Status.FAILED, error=reason, finished_at=now, status_changed_at=now
    )


def reports_requeue_stuck(*, now: datetime.datetime | None = None) -> list[int]:
    """Requeue reports in wachtrij or bezig beyond REPORT_STUCK_AFTER_SECONDS; fail them past the last attempt.

    A report stuck in wachtrij lost its message (the attempt counts as spent); one stuck in
    bezig lost its worker. Returns the ids that were queued again.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.REPORT_STUCK_AFTER_SECONDS)
    stuck = Report.objects.filter(status__in=Report.PENDING_STATUSES, status_changed_at__lt=cutoff)
    requeued = []
    for report in stuck.only("pk", "status", "attempts", "status_changed_at", "language"):
        same_state = Report.objects.filter(
            pk=report.pk, status=report.status, status_changed_at=report.status_changed_at
        )
        spent = report.attempts + (1 if report.status == Status.QUEUED else 0)
        if spent >= report_max_attempts():
            with translation.override(report.language):
                reason = _(
                    "De PDF werd na %(attempts)d pogingen niet op tijd gemaakt. Vraag hem later opnieuw aan."
                ) % {"attempts": spent}
            same_state.update(status=Status.FAILED, error=reason, finished_at=now, status_changed_at=now)
        elif same_state.update(status=Status.QUEUED, attempts=spent, status_changed_at=now):
            report_enqueue(report_id=report.pk)
            requeued.append(report.pk)
    return requeued

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
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import DatabaseError, connections
from django.db.models import F, Q, QuerySet
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
    public_summary_context,
    reflection_context,
    session_summary_context,
)

logger = logging.getLogger(__name__)

TEMPLATES = {
    Report.Kind.SESSION_SUMMARY: "reports/pdf/session_summary.html",
    Report.Kind.CIRCLE_REPORT: "reports/pdf/circle_report.html",
    Report.Kind.CERTIFICATE: "reports/pdf/certificate.html",
    Report.Kind.REFLECTION: "reports/pdf/reflection.html",
    Report.Kind.PUBLIC_SUMMARY: "reports/pdf/public_summary.html",
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
        if report.kind == Report.Kind.PUBLIC_SUMMARY:
            assert report.session is not None
            return public_summary_context(session=report.session)
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
    return _reuse_or_queue(report, retry=retry)


def _reuse_or_queue(report: Report, *, retry: bool = False) -> tuple[Report, bool]:
    """The up-to-date report of the same content (reused: True), or this one saved and queued."""
    report.content_hash = report_fingerprint(report, layout=layout_fingerprint())
    existing = report_find_reusable(report=report)
    if existing is not None and not (retry and existing.is_failed):
        return existing, True
    report.save()
    report_enqueue(report_id=report.pk)
    return report, False


def report_request_public(*, session: Session, language: str) -> Report:
    """The PDF of an openbaar verslag for the public kennisbank: the one made for this content and
    language, or a new render queued. Anyone may ask, so nothing renders twice: one report per
    content, and a failed one is not retried by visitors (the sweeper and staff see it)."""
    report = Report(
        kind=Report.Kind.PUBLIC_SUMMARY,
        circle=session.circle,
        session=session,
        requested_by=None,
        include_personal_data=False,
        language=language,
    )
    return _reuse_or_queue(report)[0]


def report_enqueue(*, report_id: int) -> None:
    """Render after commit; with the broker unreachable the report waits in wachtrij for the sweeper."""
    from reports.tasks import report_render

    enqueue_after_commit(report_render, report_id)


def report_claim_stale(*, now: datetime.datetime) -> Q:
    """A "bezig" claim whose heartbeat stopped: its worker died (a claim from before heartbeats
    counts from its last status change)."""
    cutoff = now - datetime.timedelta(seconds=settings.REPORT_CLAIM_STALE_SECONDS)
    return Q(status=Status.RENDERING) & (
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, status_changed_at__lt=cutoff)
    )


def report_claim(*, report_id: int, task_id: str = "") -> str | None:
    """Claim the report for one attempt, counting it; its token, or None when it is not ours to render.

    Claimable: a report in wachtrij; one in bezig whose heartbeat went stale; one in bezig claimed
    by this very task, which the broker redelivers only when the worker that ran it was lost
    (acks_late with reject_on_worker_lost). A claim that is taken over keeps its attempt counted,
    so a report whose render keeps killing its worker fails after the last attempt.
    """
    now = timezone.now()
    token = uuid.uuid4().hex
    abandoned = report_claim_stale(now=now)
    if task_id:
        abandoned |= Q(status=Status.RENDERING, claim_task_id=task_id)
    claimable = Q(status=Status.QUEUED) | (abandoned & Q(attempts__lt=report_max_attempts()))
    claimed = Report.objects.filter(claimable, pk=report_id).update(
        status=Status.RENDERING,
        claim_token=token,
        claim_task_id=task_id,
        heartbeat_at=now,
        started_at=now,
        status_changed_at=now,
        attempts=F("attempts") + 1,
    )
    if claimed:
        return token
    exhausted = Report.objects.filter(abandoned, pk=report_id).only("pk", "attempts", "language").first()
    if exhausted is not None:
        report_fail(report_id=report_id, reason=too_many_attempts(exhausted), from_status=Status.RENDERING)
    return None


def report_heartbeat(*, report_id: int, token: str) -> bool:
    """Renew the claim; False when it is no longer this attempt's (taken over, finished)."""
    claim = Report.objects.filter(pk=report_id, status=Status.RENDERING, claim_token=token)
    return bool(claim.update(heartbeat_at=timezone.now()))


@contextmanager
def report_claim_kept(*, report_id: int, token: str) -> Iterator[None]:
    """Renew the claim every REPORT_HEARTBEAT_SECONDS from a thread while the block runs (a
    WeasyPrint render holds the task's own thread), so a living render is never taken over."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.REPORT_HEARTBEAT_SECONDS):
                if not report_heartbeat(report_id=report_id, token=token):
                    return
        except DatabaseError as exc:
            logger.warning("Report %s: heartbeat failed, the claim may be taken over: %s", report_id, exc)
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"report-{report_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


def report_render_file(*, report_id: int, token: str) -> bool:
    """Render a claimed report and store its PDF; False when the claim was taken away meanwhile.

    The file is written first, then the report marked done in one UPDATE guarded by the claim's
    token: of two attempts on one report only the holder of the claim keeps its file.
    """
    from reports.pdf import render_pdf  # WeasyPrint is heavy: load it in workers, not in every web process

    report = Report.objects.select_related("circle", "session", "certificate", "registration").get(pk=report_id)
    context = report_context(report=report)
    # Tests set this to kill a worker mid-render (tests/reports/test_worker_lost.py); never in production.
    time.sleep(getattr(settings, "REPORT_TEST_RENDER_DELAY_SECONDS", 0))
    with translation.override(report.language):
        pdf = render_pdf(
            template_name=TEMPLATES[Report.Kind(report.kind)],
            context={**context, "generated_at": timezone.localtime()},
        )
    storage = report.file.storage
    name = storage.save(report.file.field.generate_filename(report, f"{report.code}.pdf"), ContentFile(pdf))
    now = timezone.now()
    stored = Report.objects.filter(pk=report_id, status=Status.RENDERING, claim_token=token).update(
        status=Status.DONE, file=name, error="", finished_at=now, status_changed_at=now
    )
    if not stored:
        storage.delete(name)
    return bool(stored)


def report_retry_or_fail(*, report_id: int, token: str) -> int | None:
    """After a transient error: back to wachtrij and return the attempts so far, or mislukt and None.
    None too when the claim is no longer this attempt's: the attempt that holds it decides."""
    report = Report.objects.get(pk=report_id)
    if report.claim_token != token:
        return None
    if report.attempts < report_max_attempts():
        Report.objects.filter(pk=report_id, status=Status.RENDERING, claim_token=token).update(
            status=Status.QUEUED, status_changed_at=timezone.now()
        )
        return report.attempts
    with translation.override(report.language):
        reason = _(
            "De PDF kon na %(attempts)d pogingen niet worden gemaakt door een tijdelijke storing. "
            "Vraag hem later opnieuw aan."
        ) % {"attempts": report.attempts}
    report_fail(report_id=report_id, reason=reason, from_status=Status.RENDERING, token=token)
    return None


def report_fail_permanently(*, report_id: int, token: str) -> None:
    report = Report.objects.get(pk=report_id)
    with translation.override(report.language):
        reason = _(
            "De PDF kon niet worden gemaakt door een fout in het programma. Opnieuw proberen helpt "
            "waarschijnlijk niet; meld het aan de beheerder."
        )
    report_fail(report_id=report_id, reason=reason, from_status=Status.RENDERING, token=token)


def report_fail_too_slow(*, report_id: int, token: str) -> None:
    report = Report.objects.get(pk=report_id)
    with translation.override(report.language):
        reason = _(
            "Het maken van de PDF duurde te lang en is afgebroken. Probeer het later opnieuw; "
            "lukt het dan weer niet, meld het aan de beheerder."
        )
    report_fail(report_id=report_id, reason=reason, from_status=Status.RENDERING, token=token)


def report_fail(*, report_id: int, reason: str, from_status: str, token: str | None = None) -> None:
    """mislukt, if still in `from_status` (and, given a token, still claimed by that attempt)."""
    now = timezone.now()
    report = Report.objects.filter(pk=report_id, status=from_status)
    if token is not None:
        report = report.filter(claim_token=token)
    report.update(status=Status.FAILED, error=reason, finished_at=now, status_changed_at=now)


def too_many_attempts(report: Report, attempts: int | None = None) -> str:
    with translation.override(report.language):
        return _("De PDF werd na %(attempts)d pogingen niet op tijd gemaakt. Vraag hem later opnieuw aan.") % {
            "attempts": report.attempts if attempts is None else attempts
        }


def reports_requeue_stuck(*, now: datetime.datetime | None = None) -> list[int]:
    """Requeue reports in wachtrij or bezig beyond REPORT_STUCK_AFTER_SECONDS; fail them past the last attempt.

    A report stuck in wachtrij lost its message (the attempt counts as spent); one stuck in
    bezig lost its worker. Returns the ids that were queued again. Beat runs it: the backstop
    behind reports_resume_abandoned, which every worker runs.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.REPORT_STUCK_AFTER_SECONDS)
    stuck = Report.objects.filter(status__in=Report.PENDING_STATUSES, status_changed_at__lt=cutoff)
    return reports_requeue(stuck, now=now)


def reports_resume_abandoned(*, now: datetime.datetime | None = None) -> list[int]:
    """Queue again the reports whose claim went stale (their worker died mid-render), or fail them
    past the last attempt. Every worker runs this every REPORT_RESUME_CHECK_SECONDS
    (reports.resumer), so a report finishes soon after a worker is back, also without beat."""
    now = now or timezone.now()
    return reports_requeue(Report.objects.filter(report_claim_stale(now=now)), now=now)


def reports_requeue(reports: QuerySet[Report], *, now: datetime.datetime) -> list[int]:
    """Back to wachtrij and queued, each by a conditional update on the state it was seen in, so of
    two sweeps (or a sweep and a late heartbeat) only one acts."""
    requeued = []
    fields = ("pk", "status", "attempts", "status_changed_at", "heartbeat_at", "language")
    for report in reports.only(*fields):
        same_state = Report.objects.filter(
            pk=report.pk,
            status=report.status,
            status_changed_at=report.status_changed_at,
            heartbeat_at=report.heartbeat_at,
        )
        spent = report.attempts + (1 if report.status == Status.QUEUED else 0)
        if spent >= report_max_attempts():
            reason = too_many_attempts(report, spent)
            same_state.update(status=Status.FAILED, error=reason, finished_at=now, status_changed_at=now)
        elif same_state.update(status=Status.QUEUED, attempts=spent, status_changed_at=now):
            report_enqueue(report_id=report.pk)
            requeued.append(report.pk)
    return requeued

"""The 'PDF maken' boxes reports adds to the circle page and the verslag page (see leerkring/core/panels.py)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse

from circles.access import participant_fields_visible_to
from circles.models import Circle, Registration, Session
from circles.services.registrations import registration_cancel_token
from leerkring.core.panels import Panel
from reports.access import may_request_reports, reports_visible_to
from reports.models import Certificate, PeriodReport, Report

LATEST = 3


def _box(user: User | AnonymousUser, *, kind: str, subject: Circle | Session, request_url: str) -> dict[str, object]:
    reports = reports_visible_to(user).filter(kind=kind)
    reports = reports.filter(session=subject) if isinstance(subject, Session) else reports.filter(circle=subject)
    return {
        "subject": subject,
        "is_summary": kind == Report.Kind.SESSION_SUMMARY,
        "request_url": request_url,
        "may_request": may_request_reports(user),
        "reports": list(reports.select_related("requested_by").order_by("-created_at", "-pk")[:LATEST]),
    }


def circle_report_panel(user: User | AnonymousUser, circle: Circle) -> Panel | None:
    url = reverse("reports:request_circle", args=[circle.code])
    box = _box(user, kind=Report.Kind.CIRCLE_REPORT, subject=circle, request_url=url)
    if not (box["may_request"] or box["reports"]):
        return None
    return Panel("reports/_report_box.html", box, slot="side", order=10)


def session_report_panel(user: User | AnonymousUser, session: Session) -> Panel | None:
    url = reverse("reports:request_session", args=[session.code])
    box = _box(user, kind=Report.Kind.SESSION_SUMMARY, subject=session, request_url=url)
    if not (box["may_request"] or box["reports"]):
        return None
    box["has_outcome"] = getattr(session, "outcome", None) is not None
    return Panel("reports/_report_box.html", box, slot="main", order=10)


def circle_certificates_panel(user: User | AnonymousUser, circle: Circle) -> Panel | None:
    """A link to the circle's proofs of participation, for those who read its sign-ups."""
    if participant_fields_visible_to(user) is not None:
        return None
    context = {
        "circle": circle,
        "issued": Certificate.objects.filter(registration__circle=circle, status=Certificate.Status.ISSUED).count(),
    }
    return Panel("reports/_certificates_box.html", context, slot="side", order=20)


def my_certificate_panel(user: User | AnonymousUser, registration: Registration) -> Panel | None:
    """On "Mijn aanmelding": the participant's valid certificate, to download through their link."""
    certificate = registration.certificates.filter(status=Certificate.Status.ISSUED).first()
    if certificate is None:
        return None
    token = registration_cancel_token(registration)
    context = {"certificate": certificate, "download_url": reverse("reports:mine_certificate", args=[token])}
    return Panel("reports/_my_certificate.html", context, slot="main", order=10)


def programme_folder_panel(user: User | AnonymousUser, subject: None) -> Panel | None:
    """On the public catalogue: the newest programme folder made, to download (one small query)."""
    done = PeriodReport.objects.filter(kind=PeriodReport.Kind.PROGRAMME, status=PeriodReport.Status.DONE)
    period = done.exclude(file="").order_by("-period").values_list("period", flat=True).first()
    if period is None:
        return None
    context = {"period": period, "url": reverse("reports:programme_pdf", args=[period])}
    return Panel("reports/_programme_link.html", context, slot="intro")

"""The 'PDF maken' boxes on the circle page and the session's verslag page."""

from __future__ import annotations

from typing import Any

from django import template

from circles.models import Circle, Session
from reports.access import may_request_reports, reports_visible_to
from reports.models import Report

register = template.Library()
LATEST = 3


def _box(context: template.Context, reports: Any, *, kind: str, subject: Circle | Session) -> dict[str, Any]:
    user = context["user"]
    request = context.get("request")
    return {
        "kind": kind,
        "subject": subject,
        "may_request": may_request_reports(user),
        "reports": list(reports.select_related("requested_by").order_by("-created_at", "-pk")[:LATEST]),
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("reports/_report_box.html", takes_context=True)
def circle_report_box(context: template.Context, circle: Circle) -> dict[str, Any]:
    reports = reports_visible_to(context["user"]).filter(circle=circle, kind=Report.Kind.CIRCLE_REPORT)
    return _box(context, reports, kind=Report.Kind.CIRCLE_REPORT, subject=circle)


@register.inclusion_tag("reports/_report_box.html", takes_context=True)
def session_report_box(context: template.Context, session: Session) -> dict[str, Any]:
    reports = reports_visible_to(context["user"]).filter(session=session, kind=Report.Kind.SESSION_SUMMARY)
    box = _box(context, reports, kind=Report.Kind.SESSION_SUMMARY, subject=session)
    box["has_outcome"] = getattr(session, "outcome", None) is not None
    return box

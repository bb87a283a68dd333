"""The file name a downloaded report gets: ASCII only, no path, no quotes."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify

from reports.models import Report

MAX_NAME = 50


def report_filename(report: Report) -> str:
    """e.g. 'samenvatting-opbrengst-leerkring-1-bijeenkomst-2-2014-10-27.pdf'."""
    name = slugify(report.circle.name)[:MAX_NAME].strip("-") or "leerkring"
    if report.kind in (Report.Kind.SESSION_SUMMARY, Report.Kind.PUBLIC_SUMMARY) and report.session is not None:
        session = report.session
        return f"samenvatting-opbrengst-{name}-bijeenkomst-{session.number}-{session.date.isoformat()}.pdf"
    if report.kind == Report.Kind.REFLECTION:
        return f"reflectieverklaring-{name}-{timezone.localdate(report.created_at).isoformat()}.pdf"
    if report.kind == Report.Kind.CERTIFICATE and report.certificate is not None:
        return f"deelnamebewijs-{name}-{report.certificate.code}.pdf"
    return f"rapport-{name}-{timezone.localdate(report.created_at).isoformat()}.pdf"

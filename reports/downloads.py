"""The file name a downloaded report gets: ASCII only, no path, no quotes."""

from __future__ import annotations

from django.utils.text import slugify

from reports.models import Report

MAX_STEM = 80


def report_filename(report: Report) -> str:
    """e.g. 'samenvatting-opbrengst-leerkring-1-bijeenkomst-2-2014-10-27.pdf'."""
    if report.kind == Report.Kind.SESSION_SUMMARY and report.session is not None:
        parts = ["samenvatting opbrengst", report.circle.name, f"bijeenkomst {report.session.number}"]
        parts.append(report.session.date.isoformat())
    else:
        parts = ["rapport", report.circle.name, report.created_at.date().isoformat()]
    stem = slugify(" ".join(parts))[:MAX_STEM].strip("-") or "rapport"
    return f"{stem}.pdf"

"""Personal data in reports: PDFs made with names (participants, action owners).

Registered with leerkring/core/privacy.py in apps.py; past retention such a PDF is deleted.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from reports.models import Report


def reports_with_names_delete(circles: QuerySet[Any], placeholder: str) -> int:
    """The file goes first: a crash in between leaves a row without its file, which the next run removes."""
    count = 0
    for report in Report.objects.filter(circle__in=circles, include_personal_data=True):
        if report.file:
            report.file.delete(save=False)
        report.delete()
        count += 1
    return count

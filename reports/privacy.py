"""Personal data in reports: PDFs made with names (participants, action owners).

Registered with leerkring/core/privacy.py in apps.py; past retention such a PDF is deleted.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce, Now

from circles.models import Circle
from leerkring.core.privacy import Person
from reports.models import Certificate, Report


def reports_with_names_delete(circles: QuerySet[Any], placeholder: str) -> int:
    """The file goes first: a crash in between leaves a row without its file, which the next run removes."""
    count = 0
    for report in Report.objects.filter(circle__in=circles, include_personal_data=True):
        if report.file:
            report.file.delete(save=False)
        report.delete()
        count += 1
    return count


# A person's AVG rights (leerkring/core/privacy.py) ------------------------------------------------


def report_rows(person: Person) -> QuerySet[Report]:
    """Their own certificates and declarations, and the PDFs with names of every circle that names them."""
    named = Q(registrations__email__iexact=person.email)
    if person.names:
        named |= Q(sessions__attendances__guest_name__in=person.names) | Q(actions__owner_name__in=person.names)
    circles = Circle.objects.filter(named).values("pk")
    return Report.objects.filter(
        Q(registration__email__iexact=person.email)
        | Q(certificate__registration__email__iexact=person.email)
        | Q(circle__in=circles, include_personal_data=True)
    ).order_by("created_at")


def reports_erase(rows: QuerySet[Report], placeholder: str) -> int:
    """PDFs holding the name are deleted, file first; a new one, asked for again, shows the wiped name."""
    count = 0
    for report in rows:
        if report.file:
            report.file.delete(save=False)
        report.delete()
        count += 1
    return count


def certificate_rows(person: Person) -> QuerySet[Certificate]:
    return Certificate.objects.filter(registration__email__iexact=person.email).order_by("issued_at")


def certificates_erase(rows: QuerySet[Certificate], placeholder: str) -> int:
    """Its code no longer proves anything about anyone: revoked, initials gone; hours and dates stay."""
    return rows.update(
        initials="",
        status=Certificate.Status.REVOKED,
        revoked_at=Coalesce("revoked_at", Now()),
        revoke_reason=placeholder,
    )

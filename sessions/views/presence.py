"""The presence list of one session date: registration numbers for the accreditation portals."""

from __future__ import annotations

import csv
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from circles.models import Registration, Session
from leerkring.core.dataaccess import Kind, data_access_record
from leerkring.core.http import AuthenticatedHttpRequest
from sessions import access
from sessions.selectors import presence_list


def _hours(session: Session) -> str:
    """Decimal hours with a comma, as Dutch spreadsheets read them: 2,5."""
    return f"{session.duration.total_seconds() / 3600:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _row(registration: Registration, session: Session) -> list[str]:
    return [
        registration.registration_number,
        registration.get_professional_register_display(),
        registration.last_name,
        registration.first_name,
        session.date.strftime("%d-%m-%Y"),
        session.start_time.strftime("%H:%M"),
        session.end_time.strftime("%H:%M"),
        _hours(session),
    ]


@login_required
def presence_csv(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """UTF-8 with BOM and semicolons, like the sign-ups export; only those present with a number."""
    session = access.session_presence_for_user(request.user, code)
    data_access_record(user=request.user, kind=Kind.PRESENCE_CSV, obj=session)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"presentielijst-{slugify(session.circle.name)[:50]}-{session.date.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Registratienummer"),
            _("Beroepsregister"),
            _("Achternaam"),
            _("Voornaam"),
            _("Datum"),
            _("Begintijd"),
            _("Eindtijd"),
            _("Uren"),
        ]
    )
    for registration in presence_list(session):
        writer.writerow(_row(registration, session))
    return response

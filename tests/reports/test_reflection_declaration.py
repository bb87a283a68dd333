"""The reflection declaration (reflectieverklaring) for informal learning, as the PDF reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from circles.models import Circle, Registration
from reports.models import Report
from sessions.models import Attendance
from tests.factories import make_registration
from tests.reports.conftest import assert_in_order, pdf_text

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


@pytest.fixture
def fatima(circle: Circle) -> Registration:
    registration = make_registration(
        circle,
        "fatima@example.org",
        first_name="Fatima",
        last_name="El Amrani",
        professional_register="registerplein",
        registration_number="461012345678",
    )
    sessions = list(circle.sessions.order_by("date"))
    sessions[0].theme = "Vraagverheldering"
    sessions[0].save()
    sessions[0].building_blocks.set([7])
    for session in sessions:
        Attendance.objects.create(session=session, registration=registration, present=session.number != 2)
    return registration


def test_the_declaration_lists_the_sessions_attended_with_their_themes_and_room_to_reflect_and_confirm(
    client: Client, fatima: Registration, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    client.force_login(projectleider)
    url = reverse("reports:reflection_request", args=[fatima.circle.code, fatima.code])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    report = Report.objects.get(kind=Report.Kind.REFLECTION)
    assert response["Location"] == reverse("reports:detail", args=[report.code])
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    with report.file.open("rb") as file:
        text = pdf_text(file.read())
    assert_in_order(
        text,
        [
            "Reflectieverklaring",
            "Deelnemer Fatima El Amrani",
            "Registratienummer Registerplein 461012345678",
            "Leerkring Leerkring 1 - Methodiekontwikkeling",
            "Bijgewoonde bijeenkomsten en hun thema's",
            "1 13 oktober 2014",
            "Vraagverheldering",
            "7. Procesmatig werken",
            "3 10 november 2014",
            "Methodiekontwikkeling",
            "4 24 november 2014",
            "Totaal netto 9",
            "Mijn reflectie",
            "Handtekening deelnemer",
            "Bevestiging door de begeleider",
            "Ik bevestig dat Fatima El Amrani aan de hierboven genoemde bijeenkomsten",
            "Begeleiders van deze bijeenkomsten: Berry van den Bos en Elizabeth van Twist",
            "Naam begeleider",
        ],
    )
    assert "27 oktober 2014" not in text  # the session missed
    download = client.get(reverse("reports:download", args=[report.code]))
    assert "reflectieverklaring-leerkring-1-methodiekontwikkeling-" in download["Content-Disposition"]


def test_one_who_attended_nothing_gets_no_declaration(client: Client, circle: Circle, projectleider: User) -> None:
    registration = make_registration(circle, "piet@example.org", first_name="Piet", last_name="Jansen")
    client.force_login(projectleider)
    url = reverse("reports:reflection_request", args=[circle.code, registration.code])
    page = client.post(url, follow=True).content.decode()
    assert "Deze deelnemer was bij geen enkele bijeenkomst: er valt niets te verklaren." in page
    assert not Report.objects.filter(kind=Report.Kind.REFLECTION).exists()

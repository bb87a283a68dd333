"""The presence list of one session date: who was there with a registration number, as CSV."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from circles.models import Circle, Session
from sessions.models import Attendance
from tests.factories import make_circle, make_registration, make_session

pytestmark = pytest.mark.django_db


def _circle(leader: User, name: str = "Leerkring Hoogvliet") -> tuple[Circle, Session]:
    circle = make_circle(leader, name=name, status=Circle.Status.PUBLISHED)
    session = make_session(circle, datetime.date(2027, 3, 2), start="13:00", end="15:30")
    return circle, session


def _csv(client: Client, session: Session) -> list[str]:
    response = client.get(reverse("sessions:presence_csv", args=[session.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "presentielijst-leerkring-hoogvliet-2027-03-02.csv" in response["Content-Disposition"]
    return response.content.decode("utf-8-sig").splitlines()


def test_lists_those_present_with_a_number_by_surname_with_the_run_date_and_hours(
    client: Client, projectleider: User
) -> None:
    circle, session = _circle(projectleider)
    people = [
        ("z@example.org", "Zeynep", "van Zanten", "skj", "110012345", True),
        ("a@example.org", "Anna", "de Vries", "registerplein", "461012345678", True),
        ("b@example.org", "Bram", "Bakker", "big", "12345678901", False),  # absent
        ("c@example.org", "Cor", "Claassen", "", "", True),  # present, no register
    ]
    for email, first, last, register, number, present in people:
        registration = make_registration(
            circle, email, first_name=first, last_name=last, professional_register=register, registration_number=number
        )
        Attendance.objects.create(session=session, registration=registration, present=present)
    Attendance.objects.create(session=session, guest_name="Gast Zonder Aanmelding")
    client.force_login(projectleider)
    assert _csv(client, session) == [
        "Registratienummer;Beroepsregister;Achternaam;Voornaam;Datum;Begintijd;Eindtijd;Uren",
        "461012345678;Registerplein;de Vries;Anna;02-03-2027;13:00;15:30;2,5",
        "110012345;SKJ (Stichting Kwaliteitsregister Jeugd);van Zanten;Zeynep;02-03-2027;13:00;15:30;2,5",
    ]


def test_the_attendance_page_links_the_list_for_the_project_leader_not_for_facilitators(
    client: Client, projectleider: User, begeleider: User
) -> None:
    session = _circle(projectleider)[1]
    session.facilitators.set([begeleider])
    url = reverse("sessions:attendance", args=[session.code])
    link = reverse("sessions:presence_csv", args=[session.code])
    client.force_login(projectleider)
    assert link in client.get(url).content.decode()
    client.force_login(begeleider)
    assert link not in client.get(url).content.decode()
    assert client.get(link).status_code == 403


def test_query_count_does_not_grow_with_the_people_present(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    counts = []
    for size in (3, 30):
        circle, session = _circle(projectleider, name=f"Leerkring Hoogvliet {size}")
        for number in range(size):
            registration = make_registration(
                circle,
                f"p{number}@example.org",
                professional_register="skj",
                registration_number=f"{110000000 + number}",
            )
            Attendance.objects.create(session=session, registration=registration)
        with CaptureQueriesContext(connection) as queries:
            lines = client.get(reverse("sessions:presence_csv", args=[session.code])).content.decode().splitlines()
        assert len(lines) == size + 1
        counts.append(len(queries))
    assert counts[0] == counts[1]

"""Names in Dutch order (the tussenvoegsel left out), the same on pages, in the CSV and in the PDF."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from circles.models import Circle
from leerkring.core.names import full_name_sort_key, names_sorted, sort_key, surname_split
from reports import services
from reports.models import Report
from tests.factories import make_registration, make_report_circle
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

# Typed in sign-up order; Dutch readers expect them as DUTCH_ORDER.
PEOPLE = [("Ayşe", "Yılmaz"), ("Sandra", "de Groot"), ("Bram", "van den Berg"), ("Özlem", "Özdemir"), ("Jan", "Bakker")]
DUTCH_ORDER = ["Jan Bakker", "Bram van den Berg", "Sandra de Groot", "Özlem Özdemir", "Ayşe Yılmaz"]


def test_the_tussenvoegsel_is_split_off_the_surname() -> None:
    assert surname_split("de Groot") == ("de", "Groot")
    assert surname_split("van der Berg") == ("van der", "Berg")
    assert surname_split("Van Dijk") == ("Van", "Dijk")
    assert surname_split("van") == ("", "van")  # a surname is never empty


def test_sort_keys_put_names_under_their_surname() -> None:
    ordered = sorted(PEOPLE, key=lambda person: sort_key(*person))
    assert [f"{first} {last}" for first, last in ordered] == DUTCH_ORDER
    assert sort_key("Sandra", "de Groot") < sort_key("Thomas", "Groot")  # same surname: by first name


def test_a_name_in_one_field_sorts_like_the_same_name_in_two() -> None:
    assert names_sorted(reversed(DUTCH_ORDER)) == DUTCH_ORDER
    assert full_name_sort_key("Sandra de Groot") == sort_key("Sandra", "de Groot")
    assert full_name_sort_key("Jan Willem de Vries") == sort_key("Jan Willem", "de Vries")
    assert full_name_sort_key("Madonna") == ("madonna", "", "")


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> Circle:
    circle = make_report_circle(projectleider, [projectleider, begeleider])
    for number, (first, last) in enumerate(PEOPLE):
        make_registration(circle, f"p{number}@example.org", first_name=first, last_name=last)
    return circle


def _in_order(text: str) -> list[str]:
    found = [(text.find(name), name) for name in DUTCH_ORDER]
    assert all(position >= 0 for position, _name in found), found
    return [name for _position, name in sorted(found)]


def test_sign_ups_page_and_its_csv_list_people_by_surname(client: Client, projectleider: User, circle: Circle) -> None:
    client.force_login(projectleider)
    page = client.get(reverse("circles:registrations", args=[circle.code])).content.decode()
    csv = client.get(reverse("circles:registrations_csv", args=[circle.code])).content.decode("utf-8-sig")

    assert _in_order(page) == DUTCH_ORDER
    assert _in_order(csv.replace(";", " ")) == DUTCH_ORDER


def test_circle_page_and_attendance_list_people_by_surname(client: Client, begeleider: User, circle: Circle) -> None:
    client.force_login(begeleider)
    circle_page = client.get(reverse("circles:detail", args=[circle.code])).content.decode()
    session = circle.sessions.first()
    assert session is not None
    attendance = client.get(reverse("sessions:attendance", args=[session.code])).content.decode()

    assert _in_order(circle_page) == DUTCH_ORDER
    assert _in_order(attendance) == DUTCH_ORDER


def test_circle_report_lists_participants_by_surname(
    circle: Circle, projectleider: User, tmp_path: Path, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REPORTS_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True), translation.override("nl"):
        report, _reused = services.report_request(kind=Report.Kind.CIRCLE_REPORT, circle=circle, user=projectleider)
    report.refresh_from_db()
    text = pdf_text(report.file.read(), layout=False)
    participants = text[text.index("Deelnemers") :]

    assert _in_order(re.sub(r"\s+", " ", participants)) == DUTCH_ORDER

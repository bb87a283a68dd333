"""A circle's history ("Geschiedenis"): changes on the pages and in the admin, readable, paginated."""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from circles.models import Circle, Registration
from tests.factories import make_registration, open_circle
from tests.pages import form_lists

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> Circle:
    return open_circle(projectleider, facilitators=(begeleider,), capacity=10)


def history_text(client: Client, circle: Circle, page: int = 1) -> str:
    response = client.get(f"/leerkringen/{circle.code}/geschiedenis/?pagina={page}")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_change_on_the_circle_form_shows_field_old_and_new_value_and_who(
    client: Client, projectleider: User, circle: Circle
) -> None:
    client.force_login(projectleider)
    edit = f"/leerkringen/{circle.code}/wijzigen/"
    data = form_lists(client.get(edit).content.decode())
    data.update(capacity=["12"], location=["Wijkcentrum Pernis"])
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    text = history_text(client, circle)
    assert "Gewijzigd: leerkring" in text
    assert "Maximum aantal deelnemers 10 → wordt 12" in text
    assert "Locatie" in text and "Wijkcentrum Pernis" in text
    assert projectleider.get_full_name() in text


def test_a_change_in_the_admin_is_in_the_circle_history(client: Client, superuser: User, circle: Circle) -> None:
    registration = make_registration(circle, "anna@example.org")
    client.force_login(superuser)
    url = f"/admin/circles/registration/{registration.pk}/change/"
    data = form_lists(client.get(url).content.decode())
    data["first_name"] = ["Annemarie"]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    action = {"action": "status_wachtlijst", "_selected_action": [str(registration.pk)]}
    assert client.post("/admin/circles/registration/", action).status_code == 302

    text = history_text(client, circle)
    assert "Gewijzigd: aanmelding" in text
    assert "Voornaam Anna → wordt Annemarie" in text
    assert "Status Bevestigd → wordt Wachtlijst" in text
    assert superuser.get_full_name() in text


def test_a_new_sign_up_and_a_facilitator_added_to_a_session_are_listed(
    client: Client, staf: User, begeleider2: User, circle: Circle
) -> None:
    make_registration(circle, "piet@example.org", first_name="Piet", last_name="Jansen")
    circle.sessions.first().facilitators.add(begeleider2)  # type: ignore[union-attr]
    client.force_login(staf)
    text = history_text(client, circle)
    assert "Aangemaakt: aanmelding Piet Jansen" in text
    assert f"Begeleiders toegevoegd: {begeleider2}" in text


def test_the_circle_page_links_to_the_history_for_staff_but_not_for_a_facilitator(
    client: Client, staf: User, begeleider: User, circle: Circle
) -> None:
    link = f'href="/leerkringen/{circle.code}/geschiedenis/"'
    client.force_login(staf)
    assert link in client.get(f"/leerkringen/{circle.code}/").content.decode()
    client.force_login(begeleider)
    assert link not in client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert client.get(f"/leerkringen/{circle.code}/geschiedenis/").status_code == 403


def test_another_circle_s_changes_are_not_shown(
    client: Client, staf: User, projectleider: User, circle: Circle
) -> None:
    other = open_circle(projectleider, facilitators=(), name="Een heel andere leerkring")
    make_registration(other, "kees@example.org", first_name="Kees", last_name="Bakker")
    client.force_login(staf)
    assert "Kees Bakker" not in history_text(client, circle)


def test_the_history_is_paginated_newest_first(client: Client, staf: User, circle: Circle) -> None:
    for number in range(30):
        make_registration(circle, f"p{number}@example.org", first_name=f"Persoon{number:02d}")
    client.force_login(staf)
    first = history_text(client, circle)
    assert "Persoon29" in first and "Pagina 1 van" in first
    assert "Persoon00" not in first
    assert "Persoon00" in history_text(client, circle, page=2)


def test_an_empty_history_says_so(client: Client, staf: User, circle: Circle) -> None:
    LogEntry.objects.all().delete()
    client.force_login(staf)
    assert "Er is nog niets gewijzigd" in history_text(client, circle)


@pytest.mark.parametrize("size", [3, 20])
def test_the_history_page_costs_the_same_queries_at_two_sizes(
    client: Client, staf: User, circle: Circle, size: int
) -> None:
    for number in range(size):
        registration = make_registration(circle, f"q{number}@example.org", first_name=f"Q{number}")
        registration.status = Registration.Status.CANCELLED
        registration.save()
    client.force_login(staf)
    client.get(f"/leerkringen/{circle.code}/geschiedenis/")  # warm the per-user caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/leerkringen/{circle.code}/geschiedenis/").status_code == 200
    assert len(queries) == _expected_queries()


def _expected_queries() -> int:
    # session, user, roles, circle, count, page of entries (with actor and content type)
    return 6

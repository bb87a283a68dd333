"""The admin keeps the pages' rules: statuses move only through the services, records stay records."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks as Capture

from circles.models import Circle, CircleStatusChange, Registration
from sessions.models import Outcome
from tests.factories import (
    before_the_circles,
    first_session,
    make_circle,
    make_registration,
    open_circle,
    ready_circle,
    save_outcome,
)
from tests.pages import form_lists

pytestmark = pytest.mark.django_db


def _messages(response: Any) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def _act(client: Client, model: str, action: str, *pks: int) -> Any:
    return client.post(
        f"/admin/circles/{model}/",
        {"action": action, "_selected_action": [str(pk) for pk in pks]},
        follow=True,
    )


def test_the_circle_form_shows_the_status_but_does_not_change_it(
    client: Client, superuser: User, projectleider: User
) -> None:
    circle = make_circle(projectleider)
    client.force_login(superuser)
    url = f"/admin/circles/circle/{circle.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="status"' not in page
    data = form_lists(page)
    data["status"] = [Circle.Status.PUBLISHED]
    data["name"] = ["Een nieuwe naam"]
    assert client.post(url, data).status_code == 302
    circle.refresh_from_db()
    assert circle.name == "Een nieuwe naam"
    assert circle.status == Circle.Status.CONCEPT
    assert not CircleStatusChange.objects.filter(circle=circle).exists()


def test_publishing_in_the_admin_keeps_the_publish_rules(client: Client, superuser: User, projectleider: User) -> None:
    incomplete = make_circle(projectleider, name="Zonder bijeenkomsten")
    client.force_login(superuser)
    response = _act(client, "circle", "status_gepubliceerd", incomplete.pk)
    text = _messages(response)
    assert "Zonder bijeenkomsten: niet gewijzigd." in text
    incomplete.refresh_from_db()
    assert incomplete.status == Circle.Status.CONCEPT


def test_publishing_in_the_admin_records_the_change_and_mails_the_facilitators(
    client: Client,
    superuser: User,
    projectleider: User,
    begeleider: User,
    begeleider2: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    with before_the_circles(), django_capture_on_commit_callbacks(execute=True):
        client.force_login(superuser)  # on that day: a login does not last weeks
        response = _act(client, "circle", "status_gepubliceerd", circle.pk)
    assert "Status gewijzigd in „Gepubliceerd” voor 1 leerkring(en)." in _messages(response)
    circle.refresh_from_db()
    assert circle.status == Circle.Status.PUBLISHED
    change = CircleStatusChange.objects.get(circle=circle)
    assert (change.from_status, change.to_status, change.changed_by) == ("concept", "gepubliceerd", superuser)
    assert {address for message in mail.outbox for address in message.to} >= {begeleider.email, begeleider2.email}


def test_a_transition_the_status_table_forbids_is_refused(client: Client, superuser: User, projectleider: User) -> None:
    circle = make_circle(projectleider, name="Nog een concept")
    client.force_login(superuser)
    response = _act(client, "circle", "status_afgerond", circle.pk)
    assert "Nog een concept: niet gewijzigd." in _messages(response)
    assert "kan niet naar „Afgerond”" in _messages(response)
    circle.refresh_from_db()
    assert circle.status == Circle.Status.CONCEPT


def test_the_status_history_is_read_only(client: Client, superuser: User, projectleider: User) -> None:
    circle = open_circle(projectleider)
    CircleStatusChange.objects.create(circle=circle, from_status="concept", to_status="gepubliceerd")
    client.force_login(superuser)
    page = client.get(f"/admin/circles/circle/{circle.pk}/change/").content.decode()
    assert "status_changes-0-DELETE" not in page
    assert "status_changes-0-to_status" not in page  # shown as text, not as a field
    assert "Gepubliceerd" in page


def test_only_an_untouched_concept_can_be_deleted(client: Client, superuser: User, projectleider: User) -> None:
    concept = make_circle(projectleider, name="Dubbel ingevoerd")
    published = open_circle(projectleider, name="Loopt al")
    make_registration(published)
    client.force_login(superuser)
    assert client.get(f"/admin/circles/circle/{published.pk}/delete/").status_code == 403
    assert "delete_selected" not in client.get("/admin/circles/circle/").content.decode()
    assert client.post(f"/admin/circles/circle/{concept.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Circle.objects.filter(pk=concept.pk).exists()


def test_the_sign_up_form_keeps_its_status_and_circle(client: Client, superuser: User, projectleider: User) -> None:
    circle = open_circle(projectleider)
    registration = make_registration(circle)
    client.force_login(superuser)
    url = f"/admin/circles/registration/{registration.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="status"' not in page and 'name="circle"' not in page
    assert client.get("/admin/circles/registration/add/").status_code == 403


def test_cancelling_a_sign_up_in_the_admin_promotes_the_waiting_list(
    client: Client, superuser: User, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    circle = open_circle(projectleider, capacity=1)
    confirmed = make_registration(circle, "anna@example.org")
    waiting = make_registration(circle, "bram@example.org", first_name="Bram", status=Registration.Status.WAITLIST)
    with before_the_circles(), django_capture_on_commit_callbacks(execute=True):
        client.force_login(superuser)  # on that day: a login does not last weeks
        response = _act(client, "registration", "status_afgemeld", confirmed.pk)
    assert "Status gewijzigd in „Afgemeld” voor 1 aanmelding(en)." in _messages(response)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert any("bram@example.org" in message.to for message in mail.outbox)


def test_confirming_beyond_capacity_in_the_admin_is_refused(
    client: Client, superuser: User, projectleider: User
) -> None:
    circle = open_circle(projectleider, capacity=1)
    make_registration(circle, "anna@example.org")
    waiting = make_registration(circle, "bram@example.org", first_name="Bram", status=Registration.Status.WAITLIST)
    with before_the_circles():  # logged in on that day: a session does not last weeks
        client.force_login(superuser)
        response = _act(client, "registration", "status_bevestigd", waiting.pk)
    assert "Bram de Vries: niet gewijzigd. De leerkring is vol" in _messages(response)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLIST


def test_the_verslag_s_par_cycle_cannot_be_set_in_the_admin(
    client: Client, superuser: User, projectleider: User, begeleider: User
) -> None:
    circle = open_circle(projectleider, facilitators=(begeleider,))
    outcome = save_outcome(first_session(circle), begeleider)
    client.force_login(superuser)
    page = client.get(f"/admin/circle_sessions/outcome/{outcome.pk}/change/").content.decode()
    for field in ("status", "submitted_at", "established_at_session", "established_by", "version"):
        assert f'name="{field}"' not in page
    assert client.get("/admin/circle_sessions/outcome/add/").status_code == 403
    assert Outcome.objects.get(pk=outcome.pk).status == Outcome.Status.CONCEPT

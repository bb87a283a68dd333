"""Places are handed out only while a circle runs, in waiting-list order, and not after its end."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from buildingblocks.models import BuildingBlock
from circles.models import Circle, Registration
from circles.services.planning import circle_change_status
from circles.services.registrations import (
    SignupRefused,
    registration_cancel,
    registration_create,
    registration_set_status,
)
from tests.factories import make_registration, open_circle, ready_circle, signup_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]


Capture = Callable[..., Any]
R = Registration.Status
FIELDS = {
    "first_name": "Nina",
    "last_name": "Nieuw",
    "email": "nina@example.org",
    "organisation": "wijkteam",
    "team": "Pernis",
    "function": "wijkteammedewerker",
}
OVER = [Circle.Status.CANCELLED, Circle.Status.COMPLETED]


@pytest.fixture
def circle(projectleider: User) -> Circle:
    """Full: one place, taken by Anna; Wim waits."""
    circle = open_circle(projectleider, capacity=1)
    make_registration(circle, "anna@example.org")
    make_registration(circle, "wim@example.org", first_name="Wim", status=R.WAITLIST)
    return circle


def _set_status(circle: Circle, status: str) -> None:
    Circle.objects.filter(pk=circle.pk).update(status=status)
    circle.refresh_from_db()


def _status(email: str) -> str:
    return Registration.objects.get(email=email).status


# Cancelled and completed circles hand out no places -----------------------------------------


@pytest.mark.parametrize("status", OVER)
def test_a_cancel_in_a_circle_that_is_over_promotes_nobody(
    circle: Circle, status: str, django_capture_on_commit_callbacks: Capture
) -> None:
    _set_status(circle, status)
    with django_capture_on_commit_callbacks(execute=True):
        assert registration_cancel(registration=Registration.objects.get(email="anna@example.org")) is None
    assert _status("wim@example.org") == R.WAITLIST
    assert mail.outbox == []


@pytest.mark.parametrize("status", OVER)
def test_the_project_leader_cannot_confirm_in_a_circle_that_is_over(circle: Circle, status: str) -> None:
    _set_status(circle, status)
    registration_cancel(registration=Registration.objects.get(email="anna@example.org"))
    with pytest.raises(SignupRefused, match="geannuleerd of afgerond"):
        registration_set_status(registration=Registration.objects.get(email="wim@example.org"), status=R.CONFIRMED)
    assert _status("wim@example.org") == R.WAITLIST


@pytest.mark.parametrize("status", OVER)
def test_the_project_leader_cannot_add_anyone_to_a_circle_that_is_over(
    client: Client, circle: Circle, projectleider: User, status: str
) -> None:
    _set_status(circle, status)
    with pytest.raises(SignupRefused):
        registration_create(circle=circle, fields=FIELDS, added_by=projectleider)
    client.force_login(projectleider)
    url = reverse("circles:registration_add", args=[circle.code])
    response = client.post(url, {**FIELDS, "notify": "on"})
    assert response.status_code == 200
    assert "geannuleerd of afgerond" in response.content.decode()
    assert not Registration.objects.filter(email="nina@example.org").exists()


def test_the_project_leader_sees_the_refusal_on_the_sign_ups_page(
    client: Client, circle: Circle, projectleider: User
) -> None:
    _set_status(circle, Circle.Status.CANCELLED)
    registration_cancel(registration=Registration.objects.get(email="anna@example.org"))
    wim = Registration.objects.get(email="wim@example.org")
    client.force_login(projectleider)
    url = reverse("circles:registration_status", args=[circle.code, wim.code])
    response = client.post(url, {"status": R.CONFIRMED}, follow=True)
    assert "geannuleerd of afgerond" in response.content.decode()
    assert _status("wim@example.org") == R.WAITLIST


def test_a_closed_circle_still_promotes_from_the_waiting_list(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    _set_status(circle, Circle.Status.CLOSED)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=Registration.objects.get(email="anna@example.org"))
    assert _status("wim@example.org") == R.CONFIRMED
    assert [message.to for message in mail.outbox] == [["wim@example.org"]]


# Raising the capacity serves the waiting list first -----------------------------------------


def _edit_data(circle: Circle, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": circle.name,
        "kind": circle.kind,
        "team": circle.team,
        "description": circle.description,
        "goal": circle.goal,
        "building_blocks": [block.pk for block in BuildingBlock.objects.filter(number=1)],
        "audience": [],
        "start_date": circle.start_date.isoformat(),
        "end_date": circle.end_date.isoformat(),
        "capacity": str(circle.capacity),
        "location": circle.location,
        "project_leader": circle.project_leader_id,
    }
    data.update(changes)
    return data


def test_raising_the_capacity_promotes_the_waiting_list_before_a_newcomer(
    client: Client, circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "zus@example.org", first_name="Zus", status=R.WAITLIST)
    client.force_login(projectleider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("circles:edit", args=[circle.code]), _edit_data(circle, capacity="2"), follow=True
        )
    assert "Wim de Vries heeft een plaats gekregen" in response.content.decode()
    assert _status("wim@example.org") == R.CONFIRMED
    assert _status("zus@example.org") == R.WAITLIST
    [message] = mail.outbox
    assert message.to == ["wim@example.org"]
    assert message.subject.startswith("Er is een plaats voor u vrijgekomen")

    client.logout()
    client.post(reverse("circles:public_detail", args=[circle.code]), signup_data(email="nieuw@example.org"))
    assert _status("nieuw@example.org") == R.WAITLIST


def test_a_newcomer_queues_behind_the_waiting_list_even_with_a_free_place(circle: Circle) -> None:
    Circle.objects.filter(pk=circle.pk).update(capacity=2)
    circle.refresh_from_db()
    result = registration_create(circle=circle, fields=FIELDS, send_mail=False)
    assert result.registration is not None
    assert result.registration.status == R.WAITLIST


# A circle that has ended takes no sign-ups ---------------------------------------------------


def test_a_published_circle_closes_for_sign_up_after_its_last_day_in_amsterdam(circle: Circle) -> None:
    # 30 June 2027 23:30 UTC is already 1 July in Amsterdam; the circle ended on 30 June.
    with time_machine.travel(datetime.datetime(2027, 6, 30, 21, 30, tzinfo=datetime.UTC)):
        assert circle.is_open_for_signup
    with time_machine.travel(datetime.datetime(2027, 6, 30, 23, 30, tzinfo=datetime.UTC)):
        assert not circle.is_open_for_signup
        with pytest.raises(SignupRefused):
            registration_create(circle=circle, fields=FIELDS, send_mail=False)
    assert not Registration.objects.filter(email="nina@example.org").exists()


def test_a_place_freed_in_a_concept_goes_to_the_waiting_list_when_published(
    projectleider: User, begeleider: User, begeleider2: User, django_capture_on_commit_callbacks: Capture
) -> None:
    concept = ready_circle(projectleider, [begeleider, begeleider2], capacity=1)
    anna = make_registration(concept, "anna@example.org")
    make_registration(concept, "wim@example.org", first_name="Wim", status=R.WAITLIST)
    with django_capture_on_commit_callbacks(execute=True):
        assert registration_cancel(registration=anna) is None
    assert _status("wim@example.org") == R.WAITLIST

    with django_capture_on_commit_callbacks(execute=True):
        circle_change_status(circle=concept, to_status=Circle.Status.PUBLISHED, by=projectleider)
    assert _status("wim@example.org") == R.CONFIRMED
    # The facilitators get their invitation too (test_facilitator_mails); here only the participant matters.
    assert [message.to for message in mail.outbox if "wim" in message.to[0]] == [["wim@example.org"]]


def test_the_public_page_offers_no_free_place_while_people_wait(client: Client, circle: Circle) -> None:
    Circle.objects.filter(pk=circle.pk).update(capacity=2)
    html = client.get(reverse("circles:public_detail", args=[circle.code])).content.decode()
    assert "plaatsen vrij" not in html
    assert "wachtlijst" in html

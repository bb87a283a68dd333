"""Participants can reach the project leader: mailto links on the public pages, Reply-To on every mail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from circles.models import Circle, Registration
from circles.services.registrations import registration_cancel_token, registration_create
from tests.factories import SERVICE_FIELDS as FIELDS
from tests.factories import make_registration, open_circle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]
Capture = Callable[..., Any]


@pytest.fixture
def circle(projectleider: User) -> Circle:
    return open_circle(projectleider, name="Leerkring Hoogvliet")


def test_public_page_links_to_the_project_leaders_address(client: Client, circle: Circle) -> None:
    page = client.get(reverse("circles:public_detail", args=[circle.code])).content.decode()
    assert 'href="mailto:pl@example.org"' in page


def test_done_page_links_to_the_project_leaders_address(client: Client, circle: Circle) -> None:
    page = client.get(reverse("circles:signup_done", args=[circle.code])).content.decode()
    assert 'href="mailto:pl@example.org"' in page
    # The sentence ends right after the address, without a space before the full stop.
    assert "pl@example.org</a>." in page


def test_page_after_cancelling_links_to_the_project_leaders_address(client: Client, circle: Circle) -> None:
    registration = make_registration(circle, status=Registration.Status.CANCELLED)
    page = client.get(reverse("circles:cancel", args=[registration_cancel_token(registration)])).content.decode()
    assert "U bent afgemeld" in page
    assert 'href="mailto:pl@example.org"' in page


def test_every_participant_mail_replies_to_the_project_leader(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(circle=circle, fields=FIELDS)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(circle=circle, fields=FIELDS)
    assert [message.reply_to for message in mail.outbox] == [["pl@example.org"], ["pl@example.org"]]


def test_duplicate_of_a_cancelled_sign_up_says_so_and_names_the_leader(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "fatima@example.org", first_name="Fatima", status=Registration.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(circle=circle, fields=FIELDS)
    [message] = mail.outbox
    assert message.subject == "U had zich afgemeld voor Leerkring Hoogvliet"
    text = (
        "Er is zojuist een nieuwe aanmelding verstuurd met dit e-mailadres. U had zich eerder afgemeld; "
        "we hebben u niet opnieuw aangemeld. Wilt u toch weer meedoen? "
        "Mail dan Elizabeth van Twist, projectleider: pl@example.org."
    )
    assert text in " ".join(message.body.split())
    assert "U bent al aangemeld" not in message.body and "U was al aangemeld" not in message.body
    html = message.alternatives[0][0]  # type: ignore[attr-defined]
    assert 'href="mailto:pl@example.org"' in str(html)
    assert "U had zich afgemeld voor Leerkring Hoogvliet" in str(html)


def test_duplicate_of_a_confirmed_sign_up_keeps_its_wording(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "fatima@example.org", first_name="Fatima")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(circle=circle, fields=FIELDS)
    [message] = mail.outbox
    assert message.subject == "U bent al aangemeld voor Leerkring Hoogvliet"

"""Sign-ups page: reinstating mails the participant; clear buttons and badges; the add form names the participant."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from circles.models import Circle, Registration
from tests.factories import make_registration, open_circle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]
Capture = Callable[..., Any]
R = Registration.Status


@pytest.fixture
def circle(projectleider: User) -> Circle:
    return open_circle(projectleider, name="Leerkring Charlois", capacity=2)


def test_reinstating_a_cancelled_sign_up_sends_the_confirmation(
    client: Client, circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    gone = make_registration(circle, "anna@example.org", status=R.CANCELLED)
    client.force_login(projectleider)
    url = reverse("circles:registration_status", args=[circle.code, gone.code])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": "bevestigd"})
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == "Aangemeld voor Leerkring Charlois"
    assert message.attachments[0][0] == "leerkring.ics"


def test_rows_save_with_opslaan_and_cancelled_rows_show_a_grey_badge(
    client: Client, circle: Circle, projectleider: User
) -> None:
    make_registration(circle, "anna@example.org")
    make_registration(circle, "gone@example.org", first_name="Gerrit", status=R.CANCELLED)
    client.force_login(projectleider)
    html = client.get(reverse("circles:registrations", args=[circle.code])).content.decode()
    assert ">Opslaan</button>" in html and ">Wijzigen</button>" not in html
    assert html.count('<span class="badge text-bg-secondary">Afgemeld</span>') == 2  # the count above and one row


def test_add_form_speaks_about_the_participant(client: Client, circle: Circle, projectleider: User) -> None:
    client.force_login(projectleider)
    html = client.get(reverse("circles:registration_add", args=[circle.code])).content.decode()
    assert "Kies de organisatie" in html and "Kies de functie" in html
    assert "Wat wil de deelnemer in deze leerkring leren?" in html
    assert "Kies uw organisatie" not in html and "Wat wilt u" not in html


def test_public_form_still_speaks_to_the_visitor(client: Client, circle: Circle) -> None:
    html = client.get(reverse("circles:public_detail", args=[circle.code])).content.decode()
    assert "Kies uw organisatie" in html and "Wat wilt u in deze leerkring leren?" in html

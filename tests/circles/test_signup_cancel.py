"""Cancelling through the signed link in the e-mails: valid, tampered, expired."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse

from circles.models import Circle, Registration
from circles.services.registrations import registration_cancel_token
from tests.factories import make_registration, open_circle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]


Capture = Callable[..., Any]


@pytest.fixture
def circle(projectleider: User) -> Circle:
    return open_circle(projectleider, capacity=1)


def _url(registration: Registration) -> str:
    return reverse("circles:cancel", args=[registration_cancel_token(registration)])


def test_the_link_asks_first_and_a_get_changes_nothing(client: Client, circle: Circle) -> None:
    registration = make_registration(circle)
    response = client.get(_url(registration))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Beste Anna, wilt u zich afmelden voor" in html
    assert ">Ja, meld mij af</button>" in html
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_posting_cancels_and_promotes_the_first_on_the_waiting_list(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    registration = make_registration(circle)
    waiting = make_registration(circle, "wachter@example.org", status=Registration.Status.WAITLIST)
    url = _url(registration)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    # The one who cancelled gets it confirmed; the first on the waiting list gets the place.
    assert [message.to for message in mail.outbox] == [["anna@example.org"], ["wachter@example.org"]]
    confirmation = mail.outbox[0]
    assert confirmation.subject == "Afgemeld voor Leerkring 1 - Methodiekontwikkeling"
    assert "Beste Anna,\n\nU bent afgemeld voor Leerkring 1 - Methodiekontwikkeling." in confirmation.body
    assert not confirmation.attachments
    assert "Uw aanmelding blijft te zien op Mijn aanmelding:\nhttp" in confirmation.body
    assert isinstance(confirmation, EmailMultiAlternatives)
    assert "/mijn-aanmelding/" in confirmation.body and "/mijn-aanmelding/" in str(confirmation.alternatives[0][0])
    assert "U bent afgemeld" in client.get(response["Location"]).content.decode()


def test_posting_twice_is_harmless(client: Client, circle: Circle) -> None:
    registration = make_registration(circle)
    url = _url(registration)
    client.post(url)
    assert client.post(url).status_code == 302
    assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_a_tampered_link_is_refused(client: Client, circle: Circle) -> None:
    registration = make_registration(circle)
    token = registration_cancel_token(registration)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for method in (client.get, client.post):
        response = method(reverse("circles:cancel", args=[tampered]))
        assert response.status_code == 400
        assert "Deze afmeldlink werkt niet" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_link_signed_for_another_purpose_is_refused(client: Client, circle: Circle) -> None:
    from django.core import signing

    registration = make_registration(circle)
    forged = signing.dumps(str(registration.code), salt="something.else", compress=True)
    assert client.get(reverse("circles:cancel", args=[forged])).status_code == 400


def test_the_link_expires_when_the_circle_has_ended(client: Client, circle: Circle) -> None:
    registration = make_registration(circle)
    url = _url(registration)
    with time_machine.travel(datetime.datetime(2027, 7, 1, 9, 0, tzinfo=datetime.UTC)):
        response = client.post(url)
    assert response.status_code == 410
    assert "Deze afmeldlink is verlopen" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_the_link_still_works_on_the_last_day(client: Client, circle: Circle) -> None:
    registration = make_registration(circle)
    url = _url(registration)
    with time_machine.travel(datetime.datetime(2027, 6, 30, 12, 0, tzinfo=datetime.UTC)):
        assert client.get(url).status_code == 200

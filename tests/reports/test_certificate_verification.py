"""The public verification page of a proof of participation: genuine or not, and nothing more."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from circles.models import Circle
from reports import certificates as services
from reports.models import Certificate
from sessions.models import Attendance
from tests.factories import make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(circle: Circle) -> Certificate:
    registration = make_registration(
        circle,
        "fatima@example.org",
        first_name="Fatima",
        last_name="El Amrani",
        phone="06 12345678",
        professional_register="skj",
        registration_number="110012345",
    )
    for session in circle.sessions.all():
        Attendance.objects.create(session=session, registration=registration)
    return services.certificate_issue(registration=registration)


def test_a_valid_code_shows_initials_circle_period_and_hours_and_nothing_more(
    client: Client, certificate: Certificate
) -> None:
    response = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    for text in (
        "Dit deelnamebewijs is echt",
        "F. E.A.",
        "Leerkring 1 - Methodiekontwikkeling",
        "13 oktober 2014 – 24 november 2014",
        "12 uur",
        certificate.display_code,
        '<meta name="robots" content="noindex">',
    ):
        assert text in html
    for private in ("Fatima", "Amrani", "fatima@example.org", "110012345", "06 12345678", "Charlois"):
        assert private not in html


def test_a_code_typed_over_with_a_dash_lowercase_or_an_o_for_a_zero_finds_it(
    client: Client, certificate: Certificate
) -> None:
    typed = certificate.display_code.lower().replace("0", "o")
    response = client.get(reverse("certificates:verify_form"), {"code": f" {typed} "}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("certificates:verify", args=[certificate.code])
    assert "Dit deelnamebewijs is echt" in response.content.decode()


def test_a_wrong_code_is_not_found(client: Client, certificate: Certificate) -> None:
    response = client.get(reverse("certificates:verify", args=["ZZZZZZZZZZ"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Niet gevonden" in html
    assert "Er is geen geldig deelnamebewijs met deze controlecode." in html


def test_a_revoked_code_says_so_and_shows_nothing_of_it(
    client: Client, certificate: Certificate, projectleider: User
) -> None:
    services.certificate_revoke(certificate=certificate, by=projectleider, reason="Dubbel uitgegeven")
    response = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Niet gevonden" in html
    assert "Dit deelnamebewijs is ingetrokken en is niet meer geldig." in html
    for detail in ("F. E.A.", "12 uur", "Dubbel uitgegeven"):
        assert detail not in html


def test_the_form_without_a_code_asks_for_one(client: Client) -> None:
    response = client.get(reverse("certificates:verify_form"))
    assert response.status_code == 200
    assert "Vul de controlecode in die op het deelnamebewijs staat" in response.content.decode()

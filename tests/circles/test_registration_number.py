"""The registration number at sign-up: optional, in the register's own format, kept as digits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from circles.models import Circle, Registration
from tests.factories import open_circle, signup_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def circle(projectleider: User, begeleider: User, begeleider2: User) -> Circle:
    return open_circle(projectleider, facilitators=(begeleider, begeleider2))


def _sign_up(client: Client, circle: Circle, **overrides: str) -> str:
    response = client.post(reverse("circles:public_detail", args=[circle.code]), signup_data(**overrides))
    return response.content.decode() if response.status_code == 200 else ""


def test_the_form_offers_the_registers_and_never_requires_one(client: Client, circle: Circle) -> None:
    html = client.get(reverse("circles:public_detail", args=[circle.code])).content.decode()
    for text in ("Registratie als professional", "Geen (niet geregistreerd)", "Registerplein", "SKJ", "BIG-register"):
        assert text in html
    assert _sign_up(client, circle) == ""
    registration = Registration.objects.get()
    assert (registration.professional_register, registration.registration_number) == ("", "")


@pytest.mark.parametrize(
    ("register", "typed", "stored"),
    [
        ("registerplein", "4610 1234 5678", "461012345678"),
        ("skj", "110-012-345", "110012345"),
        ("big", "BIG-1234.5678.901", "12345678901"),
    ],
)
def test_a_number_as_people_write_it_is_kept_as_the_registers_digits(
    client: Client, circle: Circle, register: str, typed: str, stored: str
) -> None:
    assert _sign_up(client, circle, professional_register=register, registration_number=typed) == ""
    registration = Registration.objects.get()
    assert (registration.professional_register, registration.registration_number) == (register, stored)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"professional_register": "skj", "registration_number": "12345"},
            "Een SKJ-registratienummer heeft 9 cijfers.",
        ),
        ({"professional_register": "big", "registration_number": "123456789"}, "Een BIG-nummer heeft 11 cijfers."),
        (
            {"professional_register": "registerplein", "registration_number": "123412345678"},
            "Een registratienummer van Registerplein begint met 4610 en heeft 8 tot 12 cijfers.",
        ),
        (
            {"professional_register": "", "registration_number": "110012345"},
            "Kies het register waarin dit nummer staat.",
        ),
        ({"professional_register": "skj", "registration_number": ""}, "Vul uw registratienummer in, of kies bij"),
    ],
)
def test_a_wrong_number_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    client: Client, circle: Circle, overrides: dict[str, str], message: str
) -> None:
    html = _sign_up(client, circle, **overrides)
    assert message in html
    assert "Uw aanmelding is nog niet verstuurd." in html
    assert 'value="Hoogvliet"' in html
    assert "Hoe betrek ik het netwerk van een gezin?" in html
    if overrides["registration_number"]:
        assert f'value="{overrides["registration_number"]}"' in html
    assert not Registration.objects.exists()


def test_the_project_leader_sees_the_number_on_the_sign_ups_page_and_in_its_csv(
    client: Client, circle: Circle, projectleider: User
) -> None:
    _sign_up(client, circle, professional_register="skj", registration_number="110012345")
    client.force_login(projectleider)
    html = client.get(reverse("circles:registrations", args=[circle.code])).content.decode()
    assert "SKJ (Stichting Kwaliteitsregister Jeugd) 110012345" in html
    csv = client.get(reverse("circles:registrations_csv", args=[circle.code])).content.decode("utf-8-sig")
    header, row = csv.splitlines()
    assert header.endswith(";Status;Aangemeld op;Beroepsregister;Registratienummer")
    assert row.endswith(";SKJ (Stichting Kwaliteitsregister Jeugd);110012345")

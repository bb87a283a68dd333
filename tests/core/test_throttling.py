"""Login throttling: five wrong passwords lock an account (and an address) for the cool-off."""

from __future__ import annotations

import datetime
from typing import ClassVar

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


class CountingHasher(MD5PasswordHasher):
    """The tests' fast hasher, counting every hash it computes (checking and making)."""

    algorithm = "md5"
    calls: ClassVar[list[str]] = []

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.calls.append("encode")
        return super().encode(password, salt)


@pytest.fixture
def hasher_calls(settings: Settings) -> list[str]:
    settings.PASSWORD_HASHERS = ["tests.core.test_throttling.CountingHasher"]
    CountingHasher.calls = []
    return CountingHasher.calls


def attempt(client: Client, username: str, password: str, *, url: str = LOGIN, address: str = "192.0.2.10"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client: Client, username: str, *, address: str = "192.0.2.10") -> None:
    for _ in range(5):
        attempt(client, username, "fout", address=address)


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client: Client, begeleider: User) -> None:
    for _ in range(4):
        response = attempt(client, "bg", "fout")
        assert response.status_code == 200
        assert "Voer een juiste gebruikersnaam en wachtwoord in." in response.content.decode()
    fifth = attempt(client, "bg", "fout")
    assert fifth.status_code == 429

    sixth = attempt(client, "bg", "pw")
    assert sixth.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/start/").status_code == 302
    assert client.get("/start/")["Location"].startswith(LOGIN)


def test_the_login_page_says_in_dutch_why_and_for_how_long_and_keeps_the_username(
    client: Client, begeleider: User
) -> None:
    fail_five_times(client, "bg")
    page = attempt(client, "bg", "pw").content.decode()
    assert "Er is te vaak een verkeerd wachtwoord ingevuld. Inloggen kan pas over 15 minuten weer." in page
    assert "Vraag dan de beheerder van Leerkring om een nieuw wachtwoord." in page
    assert 'value="bg"' in page
    assert 'role="alert"' in page


def test_a_locked_attempt_does_not_run_the_password_hasher(
    client: Client, begeleider: User, hasher_calls: list[str]
) -> None:
    attempt(client, "bg", "fout")
    assert hasher_calls, "a normal wrong password is hashed (so the counter counts)"
    fail_five_times(client, "bg")
    hasher_calls.clear()

    for password in ("fout", "pw", "nog-een-gok"):
        assert attempt(client, "bg", password).status_code == 429
    assert hasher_calls == []


def test_the_cool_off_ends_and_the_right_password_works_again(
    client: Client, begeleider: User, settings: Settings
) -> None:
    fail_five_times(client, "bg")
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(seconds=5)):
        response = attempt(client, "bg", "pw")
    assert response.status_code == 302
    assert response["Location"] == "/start/"


def test_one_address_guessing_many_accounts_is_locked_out_too(client: Client, begeleider: User) -> None:
    for number in range(5):
        attempt(client, f"gok{number}", "fout", address="198.51.100.7")
    assert attempt(client, "bg", "pw", address="198.51.100.7").status_code == 429
    assert attempt(client, "bg", "pw", address="198.51.100.8").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(
    client: Client, begeleider: User, settings: Settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        client.post(
            LOGIN,
            {"username": f"gok{number}", "password": "fout"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    other_visitor = client.post(
        LOGIN, {"username": "bg", "password": "pw"}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.6"
    )
    assert other_visitor.status_code == 302, "another visitor behind the same proxy is not locked out"


def test_the_admin_login_is_throttled_as_well(client: Client, superuser: User) -> None:
    for _ in range(5):
        attempt(client, "admin", "fout", url=ADMIN_LOGIN)
    response = attempt(client, "admin", "pw", url=ADMIN_LOGIN)
    assert response.status_code == 429
    assert "Er is te vaak een verkeerd wachtwoord ingevuld." in response.content.decode()
    assert client.get("/admin/").status_code == 302

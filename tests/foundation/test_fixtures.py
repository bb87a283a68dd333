"""The shared fixtures (tests/conftest.py) keep one test from leaking into the next."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.utils import translation


def test_a_page_asked_in_english_leaves_english_active(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/privacy/").status_code == 200
    assert translation.get_language() == "en"


def test_the_next_test_starts_in_dutch_again() -> None:
    # Runs after the one above (pytest keeps the order of a module).
    assert translation.get_language() == settings.LANGUAGE_CODE == "nl"

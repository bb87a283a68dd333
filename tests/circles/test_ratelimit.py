"""The sign-up rate limit counts per visitor, also behind a reverse proxy."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache, caches
from django.test import Client, RequestFactory
from django.urls import reverse

from circles import ratelimit
from circles.models import Circle, Registration
from leerkring.core.http import client_address
from leerkring.settings import LOCAL_CACHE
from tests.factories import open_circle, signup_data
from tests.redis_server import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]


ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    ratelimit._shared_down_until = 0.0
    yield
    cache.clear()
    caches["local"].clear()
    ratelimit._shared_down_until = 0.0


@pytest.fixture
def circle(projectleider: User) -> Circle:
    return open_circle(projectleider)


def _sign_up(circle: Circle, email: str, forwarded_for: str) -> int:
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    url = reverse("circles:public_detail", args=[circle.code])
    return client.post(url, signup_data(email=email)).status_code


def test_behind_one_proxy_each_visitor_has_their_own_limit(circle: Circle, settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SIGNUP_RATE_LIMIT = 2
    assert _sign_up(circle, "a1@example.org", "203.0.113.5") == 302
    assert _sign_up(circle, "a2@example.org", "203.0.113.5") == 302
    assert _sign_up(circle, "a3@example.org", "203.0.113.5") == 429
    assert _sign_up(circle, "b1@example.org", "203.0.113.6") == 302
    # What the visitor writes into the header themselves comes before what the proxy adds.
    assert _sign_up(circle, "a4@example.org", "198.51.100.9, 203.0.113.5") == 429
    assert Registration.objects.count() == 3


def test_without_trusted_proxies_the_header_is_ignored(circle: Circle, settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    settings.SIGNUP_RATE_LIMIT = 1
    assert _sign_up(circle, "a1@example.org", "203.0.113.5") == 302
    assert _sign_up(circle, "a2@example.org", "203.0.113.6") == 429


def test_with_the_shared_cache_unreachable_sign_ups_go_on_and_are_counted_in_the_process(
    circle: Circle, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    unreachable = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": nobody_listens}
    settings.CACHES = {"default": {**unreachable, "OPTIONS": {"socket_connect_timeout": 1}}, "local": LOCAL_CACHE}
    settings.SIGNUP_RATE_LIMIT = 2
    assert _sign_up(circle, "a1@example.org", "203.0.113.5") == 302
    assert _sign_up(circle, "a2@example.org", "203.0.113.5") == 302
    assert _sign_up(circle, "a3@example.org", "203.0.113.5") == 429
    assert Registration.objects.count() == 2
    warnings = [record for record in caplog.records if "shared cache is unreachable" in record.getMessage()]
    # Said once, not on every sign-up: the shared cache is tried again after a while.
    assert [record.levelname for record in warnings] == ["WARNING"]


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        (0, "203.0.113.5", PROXY),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.9, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.9, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),  # fewer entries than proxies: misconfigured, trust nothing
        (1, "", PROXY),
    ],
)
def test_client_address_counts_trusted_proxies_from_the_right(
    settings: Any, count: int, forwarded_for: str, expected: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_address(request) == expected


def _settings_value(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "TRUSTED_PROXY_COUNT"}}
    return subprocess.run(
        [sys.executable, "-c", "from leerkring import settings; print(settings.TRUSTED_PROXY_COUNT)"],
        cwd=ROOT,
        env={**clean, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_setting_comes_from_the_environment_and_defaults_to_no_proxy() -> None:
    assert _settings_value({}).stdout.strip() == "0"
    assert _settings_value({"TRUSTED_PROXY_COUNT": "2"}).stdout.strip() == "2"
    refused = _settings_value({"TRUSTED_PROXY_COUNT": "-1"})
    assert refused.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in refused.stderr

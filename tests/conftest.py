"""Shared fixtures: personas, and the services some tests need.

With REQUIRE_SERVICES=1 (CI) a test whose service is missing fails; without it (a
newcomer's laptop) it is skipped with the reason.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection

from leerkring.core.roles import BEGELEIDER, PROJECTLEIDER, STAF

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_service(available: bool, reason: str) -> None:
    """Skip (laptop) or fail (CI) when a service a test needs is not there."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def make_user(username: str, role: str | None = None, **extra: object) -> User:
    user = User.objects.create_user(
        username=username,
        password="pw",
        email=f"{username}@example.org",
        first_name=str(extra.pop("first_name", username.capitalize())),
        last_name=str(extra.pop("last_name", "Test")),
        **extra,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def projectleider(db: None) -> User:
    return make_user("pl", PROJECTLEIDER, first_name="Elizabeth", last_name="van Twist")


@pytest.fixture
def projectleider2(db: None) -> User:
    """A project leader who does not lead the circle under test."""
    return make_user("pl2", PROJECTLEIDER, first_name="Ada", last_name="Bakker")


@pytest.fixture
def begeleider(db: None) -> User:
    return make_user("bg", BEGELEIDER, first_name="Berry", last_name="van den Bos")


@pytest.fixture
def begeleider2(db: None) -> User:
    return make_user("bg2", BEGELEIDER, first_name="Henk", last_name="Koetsveld")


@pytest.fixture
def staf(db: None) -> User:
    return make_user("staf", STAF, first_name="Sanne", last_name="de Wit")


@pytest.fixture
def outsider(db: None) -> User:
    """Logged in, but without any role."""
    return make_user("outsider")


@pytest.fixture
def superuser(db: None) -> User:
    return make_user("admin", is_superuser=True, is_staff=True)


@pytest.fixture
def postgres(db: None) -> None:
    require_service(connection.vendor == "postgresql", "this test needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    reachable = False
    if url:
        import redis

        try:
            reachable = bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
        except redis.RedisError:
            reachable = False
    require_service(reachable, "this test needs Redis (set REDIS_URL)")
    return url


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty default cache, as a freshly started site: nothing a
    previous test kept there (figures of its own rows) can show up in this one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _dutch_again_afterwards() -> Iterator[None]:
    """A request in English (language cookie) leaves English active in the thread; the next
    test starts in the site's language again, whatever ran before it."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _rows_of_data_migrations(request: pytest.FixtureRequest) -> None:
    """A transactional test (live_server, races) ends with a flush that also empties what the
    data migrations loaded; put the roles and the eight bouwstenen back before each one."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"live_server", "transactional_db"} & set(request.fixturenames)
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    importlib.import_module("circles.migrations.0001_roles").create_roles(apps, None)
    importlib.import_module("buildingblocks.migrations.0002_the_eight_building_blocks").load(apps, None)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and REQUIRE_SERVICES:
        _SKIPPED.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (REQUIRE_SERVICES=1) nothing may be skipped, whatever the reason."""
    if _SKIPPED and exitstatus == 0:
        print("\nREQUIRE_SERVICES=1 but these tests were skipped:\n  " + "\n  ".join(_SKIPPED))
        session.exitstatus = 1


_SKIPPED: list[str] = []


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, object]:
    """pytest-playwright launches Debian's Chromium: Playwright cannot download its own here."""
    executable = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    require_service(executable is not None, f"browser tests need Chromium at {CHROMIUM}")
    return {"executable_path": executable, "headless": True, "args": CHROMIUM_ARGS}


__all__ = ["CHROMIUM_ARGS", "make_user", "require_service"]

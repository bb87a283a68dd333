"""Cached figures (leerkring/core/figures.py): after a change the worker counts again, and views
in the meantime show the figures from before without counting; without a worker on its way a view
counts for itself; nothing counted a moment ago shows what the reader may no longer see."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.fixtures import Settings

from circles.models import Circle
from leerkring.core import figures
from leerkring.core.roles import BEGELEIDER
from leerkring.core.tasks import figures_refresh
from sessions.models import Outcome
from tests.factories import make_circle, make_registration, make_session
from tests.reports.worker import own_redis_db, sending_to, start_worker, stop_worker

pytestmark = pytest.mark.django_db

BLOCK = 3


def _world(leader: User, begeleider: User) -> Circle:
    circle = make_circle(leader, name="Lente", building_blocks=[BLOCK], start_date=datetime.date(2026, 3, 1))
    make_session(circle, datetime.date(2026, 3, 3), facilitators=[begeleider])
    make_registration(circle, "a@example.org")
    return circle


def _participants(client: Client) -> tuple[int, int]:
    """(participants in the bouwsteen's 2026 cell, queries the page took)."""
    with CaptureQueriesContext(connection) as queries:
        matrix = client.get("/bouwstenen/").context["matrix"]
    cells = {(row.block.number, cell.year): cell.participants for row in matrix.rows for cell in row.cells}
    return cells[(BLOCK, 2026)], len(queries)


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """The worker's refresh as the broker receives it: asked for, not yet run."""
    asked: list[dict[str, object]] = []
    monkeypatch.setattr(figures_refresh, "apply_async", lambda **options: asked.append(options))
    return asked


def test_while_the_worker_counts_a_view_shows_the_figures_from_before_without_counting(
    client: Client, projectleider: User, begeleider: User, queued: list[dict[str, object]]
) -> None:
    circle = _world(projectleider, begeleider)
    client.force_login(projectleider)
    before, counting = _participants(client)
    _, reading = _participants(client)
    assert before == 1 and reading < counting

    make_registration(circle, "b@example.org")
    figures.refresh_soon()  # what the change's commit does
    figures.refresh_soon()  # a second change before the worker ran asks for nothing more
    assert len(queued) == 1

    assert _participants(client) == (1, reading)  # one change behind, read back
    assert figures.refresh() >= 1  # the worker counts what was viewed
    assert _participants(client) == (2, reading)


@pytest.mark.django_db(transaction=True)
def test_a_change_asks_the_worker_once_it_has_committed(
    client: Client, projectleider: User, begeleider: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signal, commit, task (run in-process here, as Celery's eager mode does), asked for once
    for a transaction of several changes: the next view reads the new figures back without counting."""
    circle = _world(projectleider, begeleider)
    client.force_login(projectleider)
    _participants(client)
    _, reading = _participants(client)
    asked = []
    monkeypatch.setattr(figures, "refresh_soon", lambda: asked.append(figures.refresh()))

    with transaction.atomic():
        make_registration(circle, "b@example.org")
        make_registration(circle, "c@example.org")
        assert asked == []  # not before the commit

    assert len(asked) == 1
    assert _participants(client) == (3, reading)


def test_without_a_refresh_on_its_way_the_view_counts_for_itself(
    client: Client, projectleider: User, begeleider: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The broker unreachable: asking for the refresh fails, so nothing is shown one change behind."""
    circle = _world(projectleider, begeleider)
    client.force_login(projectleider)
    _participants(client)

    def unreachable(**_options: object) -> None:
        raise ConnectionError("broker down")

    monkeypatch.setattr(figures_refresh, "apply_async", unreachable)
    make_registration(circle, "b@example.org")
    figures.refresh_soon()

    assert cache.get(figures.REFRESH_KEY) is None
    assert _participants(client)[0] == 2


def test_a_lost_refresh_shows_old_figures_no_longer_than_the_refresh_may_take(
    client: Client, projectleider: User, begeleider: User, queued: list[dict[str, object]]
) -> None:
    circle = _world(projectleider, begeleider)
    client.force_login(projectleider)
    _participants(client)
    make_registration(circle, "b@example.org")
    figures.refresh_soon()
    assert _participants(client)[0] == 1

    cache.delete(figures.REFRESH_KEY)  # REFRESH_SECONDS passed and the worker never came
    assert _participants(client)[0] == 2


def test_figures_counted_long_ago_are_shown_and_counted_again_by_the_worker(
    client: Client,
    projectleider: User,
    begeleider: User,
    queued: list[dict[str, object]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A change that bypassed the signals (a bulk update) shows up once the worker has counted again."""
    circle = _world(projectleider, begeleider)
    client.force_login(projectleider)
    _participants(client)
    make_registration(circle, "b@example.org")
    cache.set(figures.VERSION_KEY, cache.get(figures.VERSION_KEY) - 1, timeout=None)  # as if no signal fired
    later = time.time() + figures.CACHE_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)

    assert _participants(client)[0] == 1
    assert len(queued) == 1
    figures.refresh()
    assert _participants(client)[0] == 2


def test_the_worker_drops_figures_whose_reader_no_longer_shares_them(
    client: Client, projectleider: User, begeleider: User, queued: list[dict[str, object]]
) -> None:
    """A facilitator's own figures are not counted again once the role is gone: nobody else's
    figures are ever counted under their key."""
    _world(projectleider, begeleider)
    client.force_login(begeleider)
    assert _participants(client)[0] == 1
    own = f"figures:matrix:begeleider-{begeleider.pk}"
    assert any(key.startswith(own) for key in cache.get(figures.WANTED_KEY))  # kept until the role goes
    assert cache.get(f"figures:dekking:begeleider-{begeleider.pk}") is not None
    begeleider.groups.remove(Group.objects.get(name=BEGELEIDER))
    begeleider = User.objects.get(pk=begeleider.pk)

    figures.refresh()

    wanted = cache.get(figures.WANTED_KEY) or {}
    assert not any(key.startswith(f"figures:matrix:begeleider-{begeleider.pk}") for key in wanted)
    assert cache.get(f"figures:dekking:begeleider-{begeleider.pk}") is None


def test_the_worker_looks_up_the_readers_of_all_wanted_figures_at_once(
    client: Client, projectleider: User, begeleider: User, staf: User, queued: list[dict[str, object]]
) -> None:
    _world(projectleider, begeleider)
    for reader in (projectleider, begeleider, staf):
        client.force_login(reader)
        _participants(client)
    assert len(cache.get(figures.WANTED_KEY)) >= 3

    with CaptureQueriesContext(connection) as queries:
        figures.refresh()
    assert sum('FROM "auth_user"' in query["sql"] for query in queries.captured_queries) == 1


def test_a_verslag_withdrawn_from_the_public_never_shows_from_figures_counted_before(
    client: Client, projectleider: User, begeleider: User, queued: list[dict[str, object]]
) -> None:
    circle = _world(projectleider, begeleider)
    session = circle.sessions.get()
    outcome = Outcome.objects.create(
        session=session,
        status=Outcome.Status.ESTABLISHED,
        publication=Outcome.Publication.PUBLIC,
        central_question="Hoe werken wijkteams samen met de huisarts?",
    )
    visitor = Client()
    assert "Hoe werken wijkteams samen" in visitor.get("/kennisbank/openbaar/").content.decode()

    outcome.publication = Outcome.Publication.INTERN
    outcome.save()
    figures.refresh_soon()

    assert "Hoe werken wijkteams samen" not in visitor.get("/kennisbank/openbaar/").content.decode()


@pytest.fixture
def broker(redis_url: str) -> Iterator[str]:
    """This process queues to Redis (a database of our own) instead of running tasks eagerly."""
    with sending_to(own_redis_db(redis_url)) as url:
        yield url


@pytest.fixture
def redis_cache(broker: str, settings: Settings) -> Iterator[None]:
    """The default cache in the broker's Redis database (our own), as the worker has it."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": broker},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_counts_again_after_a_sign_up(
    postgres: None,
    redis_cache: None,
    broker: str,
    client: Client,
    projectleider: User,
    begeleider: User,
    tmp_path: Path,
) -> None:
    """Web process and worker share the cache in Redis, as in production: after a sign-up the
    worker counts, and the page then reads the new figures back without counting."""
    circle = _world(projectleider, begeleider)
    client.force_login(projectleider)
    _participants(client)
    _, reading = _participants(client)
    log = tmp_path / "worker.log"
    worker = start_worker(broker, tmp_path / "reports", log)
    try:
        make_registration(circle, "b@example.org")
        assert cache.get(figures.REFRESH_KEY) is not None, "the commit asked for no refresh"
        deadline = time.monotonic() + 60
        while cache.get(figures.REFRESH_KEY) is not None and time.monotonic() < deadline:
            assert worker.poll() is None, log.read_text()[-3000:]
            time.sleep(0.1)
    finally:
        stop_worker(worker)

    assert "leerkring.core.tasks.figures_refresh" in log.read_text()
    assert _participants(client) == (2, reading)

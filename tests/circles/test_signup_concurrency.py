"""Capacity under load, on PostgreSQL: many sign-ups for the last place at the same moment.

Skipped without PostgreSQL (SQLite serialises writers, so it would prove nothing); with
REQUIRE_SERVICES=1 (CI) a missing PostgreSQL fails instead.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from circles.models import Circle, Registration
from circles.services import registrations as services
from tests.factories import make_registration, open_circle, signup_data

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("before_the_circles_clock"),
]


THREADS = 30
CAPACITY = 5


def _all_at_once(work: Callable[[int], Any], count: int = THREADS) -> list[Any]:
    """Run `work(i)` in `count` threads released together; each thread closes its connection."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # the assertions report it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _circle_with_one_place_left(projectleider: User) -> Circle:
    circle = open_circle(projectleider, capacity=CAPACITY)
    for number in range(CAPACITY - 1):
        make_registration(circle, f"al-{number}@example.org")
    return circle


def _submit_thirty(circle: Circle) -> list[Any]:
    url = reverse("circles:public_detail", args=[circle.code])

    def submit(index: int) -> int:
        # Separate client addresses: the per-address limit is not what this test is about.
        client = Client(REMOTE_ADDR=f"10.1.0.{index + 1}")
        return client.post(url, signup_data(email=f"deelnemer-{index}@example.org")).status_code

    return _all_at_once(submit)


def _statuses(circle: Circle) -> dict[str, int]:
    rows = Registration.objects.filter(circle=circle)
    return {status: rows.filter(status=status).count() for status in Registration.Status.values}


@pytest.fixture
def slow_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """Widen the race window: counting the places takes a moment, as under real load."""
    counted = services._signup_counts

    def slow(circle: Circle, email: str) -> dict[str, int]:
        value = counted(circle, email)
        time.sleep(0.05)
        return value

    monkeypatch.setattr(services, "_signup_counts", slow)


def test_thirty_at_once_for_the_last_place_confirm_exactly_one(
    postgres: None, projectleider: User, slow_count: None
) -> None:
    circle = _circle_with_one_place_left(projectleider)
    responses = _submit_thirty(circle)
    assert responses == [302] * THREADS
    counts = _statuses(circle)
    assert counts["bevestigd"] == CAPACITY
    assert counts["wachtlijst"] == THREADS - 1
    waiting = services.circle_waitlist(circle)
    positions = [services.registration_waitlist_position(registration) for registration in waiting]
    assert positions == list(range(1, THREADS))


def test_control_without_the_lock_the_same_load_overbooks(
    postgres: None, projectleider: User, slow_count: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Proves the test above can fail: the same load, the same slow count, only the row lock taken away."""
    monkeypatch.setattr(services, "_lock", lambda circle: Circle.objects.get(pk=circle.pk))
    monkeypatch.setattr(
        services, "_lock_announced", lambda code: Circle.objects.select_related("project_leader").get(code=code)
    )
    circle = _circle_with_one_place_left(projectleider)
    responses = _submit_thirty(circle)
    assert responses == [302] * THREADS
    assert _statuses(circle)["bevestigd"] > CAPACITY


def test_two_reminder_runs_at_once_send_each_reminder_once(postgres: None, projectleider: User) -> None:
    circle = open_circle(projectleider)
    for number in range(5):
        make_registration(circle, f"p{number}@example.org")
    now = datetime.datetime(2027, 2, 28, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(now):
        sent = _all_at_once(lambda _index: services.registrations_remind(now=now), count=4)
    assert sum(sent) == 5, sent
    assert sorted(message.to[0] for message in mail.outbox) == [f"p{number}@example.org" for number in range(5)]

"""The bench data has the shape the benchmark promises, and a size is the same however it was reached."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db.models import Count

from circles.models import Circle, Registration, Session
from sessions.models import Attendance, Outcome
from tests.bench.data import BenchData

pytestmark = pytest.mark.django_db


def shape() -> list[tuple[object, ...]]:
    """Every sign-up with its circle, and every session with its facilitators: what a size is made of."""
    signups = Registration.objects.order_by("email").values_list("email", "circle__name", "status", "first_name")
    sessions = Session.objects.order_by("circle__name", "number", "facilitators__username").values_list(
        "circle__name", "number", "date", "facilitators__username"
    )
    return [*signups, *sessions]


def test_every_circle_has_six_sessions_with_two_facilitators_and_25_sign_ups() -> None:
    BenchData().grow_to(40)

    assert Circle.objects.count() == 40
    assert set(Circle.objects.annotate(n=Count("sessions")).values_list("n", flat=True)) == {6}
    assert set(Circle.objects.annotate(n=Count("registrations")).values_list("n", flat=True)) == {25}
    assert set(Session.objects.annotate(n=Count("facilitators")).values_list("n", flat=True)) == {2}


def test_most_circles_are_open_and_some_have_a_waiting_list_and_established_verslagen() -> None:
    BenchData().grow_to(40)

    assert Circle.objects.open_for_signup().count() == 29  # 6 running, 23 ahead (one cancelled)
    assert Registration.objects.filter(status=Registration.Status.WAITLIST).exists()
    assert Outcome.objects.filter(status=Outcome.Status.ESTABLISHED).count() == 2 * (3 * 5 + 3 * 2)
    assert Attendance.objects.exists()


def test_the_busy_begeleider_guides_every_session_of_one_circle_in_ten() -> None:
    data = BenchData()
    data.grow_to(40)

    assert data.targets().begeleider.facilitated_sessions.count() == 4 * 6


def test_a_size_grown_from_a_smaller_one_is_the_same_as_written_at_once() -> None:
    grown = BenchData()
    grown.grow_to(20)
    grown.grow_to(40)
    before = shape()
    Circle.objects.all().delete()
    User.objects.filter(username__startswith="bench-").delete()

    BenchData().grow_to(40)

    assert shape() == before

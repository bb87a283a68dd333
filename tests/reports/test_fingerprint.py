"""A report request decides reuse from a cheap fingerprint: every change to what the report reads makes a new PDF."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from pytest_django import DjangoAssertNumQueries

from circles.models import Circle, Registration, Session
from reports import services
from reports.fingerprint import circle_changes, report_fingerprint
from reports.models import Report
from sessions.models import Action, Answer, Attendance, Outcome
from tests.factories import first_session, make_registration, record_attendance, record_outcome


def _outcome_text(circle: Circle) -> None:
    outcome = Outcome.objects.get(session__circle=circle)
    outcome.central_question = "Wat betekent eigen kracht voor de wijk?"
    outcome.save()


def _answer(circle: Circle) -> None:
    answer = Answer.objects.filter(subquestion__outcome__session__circle=circle).first()
    assert answer is not None
    answer.text = "meer mantelzorg\nkortere lijnen"
    answer.save()


def _attendance(circle: Circle) -> None:
    Attendance.objects.create(session=first_session(circle), guest_name="Gast", present=True)


def _action(circle: Circle) -> None:
    action = Action.objects.get(circle=circle)
    action.description = "Sociale kaart van Pernis bijwerken"
    action.save()


def _participant_name(circle: Circle) -> None:
    registration = Registration.objects.get(circle=circle)
    registration.last_name = "de Jong"
    registration.save()


def _session_date(circle: Circle) -> None:
    session = Session.objects.filter(circle=circle).order_by("number").last()
    assert session is not None
    session.date += datetime.timedelta(days=1)
    session.save()


CHANGES: list[Callable[[Circle], None]] = [
    _outcome_text,
    _answer,
    _attendance,
    _action,
    _participant_name,
    _session_date,
]


@pytest.fixture
def full_circle(circle: Circle) -> Circle:
    session = first_session(circle)
    record_attendance(session)
    record_outcome(session)
    make_registration(circle)
    return circle


def _request(circle: Circle, user: User, kind: str = Report.Kind.CIRCLE_REPORT) -> tuple[Report, bool]:
    session = first_session(circle) if kind == Report.Kind.SESSION_SUMMARY else None
    return services.report_request(kind=kind, circle=circle, session=session, user=user, language="nl")


@pytest.mark.parametrize("kind", [Report.Kind.CIRCLE_REPORT, Report.Kind.SESSION_SUMMARY])
@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__.strip("_") for change in CHANGES])
def test_each_kind_of_change_yields_a_new_pdf(
    full_circle: Circle,
    staf: User,
    change: Callable[[Circle], None],
    kind: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks():
        first, _ = _request(full_circle, staf, kind)
        change(full_circle)
        second, reused = _request(full_circle, staf, kind)
    assert not reused
    assert second.pk != first.pk
    assert second.content_hash != first.content_hash


def test_no_change_hands_back_the_pdf_already_asked_for(
    full_circle: Circle, staf: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks():
        first, _ = _request(full_circle, staf)
        again, reused = _request(full_circle, staf)
    assert reused
    assert again.pk == first.pk


def test_a_facilitators_new_name_yields_a_new_pdf(
    full_circle: Circle, staf: User, begeleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks():
        _request(full_circle, staf)
        begeleider.last_name = "van den Berg"
        begeleider.save()
        _second, reused = _request(full_circle, staf)
    assert not reused


def test_the_fingerprint_takes_two_queries_however_big_the_circle(
    full_circle: Circle, staf: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    report = Report(kind=Report.Kind.CIRCLE_REPORT, circle=full_circle, language="nl")
    with django_assert_num_queries(2):
        small = report_fingerprint(report, layout="x")
    for session in full_circle.sessions.all()[1:]:
        record_attendance(session)
        record_outcome(session)
    with django_assert_num_queries(2):
        assert report_fingerprint(report, layout="x") != small


def test_the_changes_read_the_circles_own_rows(full_circle: Circle, projectleider: User) -> None:
    changes = circle_changes(full_circle.pk)
    assert changes["project_leader_id"] == projectleider.pk
    assert (changes["sessions_count"], changes["registrations_count"], changes["outcomes_count"]) == (4, 1, 1)
    assert changes["answers_count"] == 12
    assert changes["updated_at"] is not None

"""Queries for sessions' pages: attendance figures per function group (circle page, verslag, reports),
actions and verslagen to settle at a session, and a facilitator's own sessions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from circles.models import Circle, Function, Session, function_count_label
from leerkring.core import roles
from sessions.models import Action, Outcome


def attendance_by_function(session: Session) -> dict[str, int]:
    """Counts per function group, in Function order, zero groups left out.

    Entered counts (AttendanceCount rows) win: they exist only when nobody took
    individual attendance. Otherwise present participants and guests are counted.
    Prefetch `attendance_counts` and `attendances__registration` when calling this in a loop.
    """
    entered = {row.function: row.count for row in session.attendance_counts.all()}
    if any(entered.values()):
        counts = Counter(entered)
    else:
        counts = Counter(
            (item.registration.function if item.registration is not None else item.guest_function) or Function.ANDERS
            for item in session.attendances.all()
            if item.present
        )
    return {function.value: counts[function.value] for function in Function if counts[function.value]}


def attendance_table(sessions: Iterable[Session]) -> list[tuple[Session, dict[str, int]]]:
    """(session, counts per function) for each session, e.g. for a chart across a circle."""
    return [(session, attendance_by_function(session)) for session in sessions]


def attendance_sentence(counts: dict[str, int]) -> str:
    """'26 deelnemers: 8 wijkteammedewerkers, 6 vraagwijzermedewerkers en 4 onderzoekers of docenten'."""
    total = sum(counts.values())
    if not total:
        return ""
    parts = [function_count_label(function, count) for function, count in counts.items() if count]
    head = ngettext("%(n)d deelnemer", "%(n)d deelnemers", total) % {"n": total}
    return f"{head}: {get_text_list(parts, _('en'))}"


def actions_earlier_open(*, session: Session) -> QuerySet[Action]:
    """Actions of earlier sessions of the circle still open, or closed at this one (so that can be undone)."""
    return (
        Action.objects.filter(circle_id=session.circle_id, session__number__lt=session.number)
        .filter(Q(status=Action.Status.OPEN) | Q(done_at_session=session))
        .select_related("session", "due_session")
        .order_by("session__number", "position", "pk")
    )


def outcomes_to_establish(*, session: Session) -> QuerySet[Outcome]:
    """Submitted verslagen of earlier sessions of the circle, to be established at this one."""
    return (
        Outcome.objects.filter(
            session__circle_id=session.circle_id, session__number__lt=session.number, status=Outcome.Status.SUBMITTED
        )
        .select_related("session", "submitted_by")
        .order_by("session__number")
    )


def sessions_with_figures(*, circle: Circle) -> QuerySet[Session]:
    """A circle's sessions with what attendance and verslag status need, in a fixed number of queries."""
    return (
        circle.sessions.order_by("number", "date")
        .select_related("outcome", "circle")
        .prefetch_related("attendance_counts", "attendances__registration", "facilitators")
    )


def sessions_guided_by(user: User) -> QuerySet[Session]:
    """A facilitator's sessions of circles not cancelled, only while they hold the role: revoking it
    empties "Mijn bijeenkomsten" and the calendar feed."""
    if not roles.is_begeleider(user):
        return Session.objects.none()
    return Session.objects.filter(facilitators=user).exclude(circle__status=Circle.Status.CANCELLED)

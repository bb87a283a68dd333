"""Attendance figures per function group, shared by the circle page, outcomes and reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from circles.models import Function
from sessions.models import Session


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
            (item.registration.function if item.registration_id else item.guest_function) or Function.ANDERS
            for item in session.attendances.all()
            if item.present
        )
    return {function.value: counts[function.value] for function in Function if counts[function.value]}


def attendance_table(sessions: Iterable[Session]) -> list[tuple[Session, dict[str, int]]]:
    """(session, counts per function) for each session, e.g. for a chart across a circle."""
    return [(session, attendance_by_function(session)) for session in sessions]

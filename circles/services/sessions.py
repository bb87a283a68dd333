"""Planning sessions: numbering, facilitator bookings, saving and removing.

Services trust their caller: the view has asked circles.access whether the user may change the circle.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from buildingblocks.models import BuildingBlock
from circles.models import Circle, Session
from circles.services.facilitators import (
    facilitators_notify_series,
    facilitators_notify_session,
    facilitators_notify_session_deleted,
)
from circles.services.registrations import registrations_notify_session_change
from leerkring.core.names import person_sort_key

# Participants hear about these changes once a circle is announced (see registrations_notify_session_change).
NOTIFY_FIELDS = ("date", "start_time", "end_time", "location")


@dataclass(frozen=True)
class Booking:
    """A facilitator who already guides `session` at an overlapping time."""

    user: User
    session: Session


def sessions_renumber(*, circle: Circle) -> None:
    """Number the circle's sessions 1, 2, 3… in date order."""
    ordered = circle.sessions.order_by("date", "start_time", "pk").only("pk", "number")
    for number, session in enumerate(ordered, start=1):
        if session.number != number:
            Session.objects.filter(pk=session.pk).update(number=number, updated_at=timezone.now())


def bookings_overlapping(
    *,
    users: Iterable[User],
    date: datetime.date,
    start: datetime.time,
    end: datetime.time,
    exclude: Session | None = None,
) -> list[Booking]:
    """Sessions of any circle (cancelled ones aside) in which one of `users` is booked at that time."""
    rows = (
        Session.facilitators.through.objects.filter(
            user__in=list(users),
            session__date=date,
            session__start_time__lt=end,
            session__end_time__gt=start,
        )
        .exclude(session__circle__status=Circle.Status.CANCELLED)
        .select_related("user", "session__circle")
    )
    if exclude is not None and exclude.pk:
        rows = rows.exclude(session=exclude)
    bookings = [Booking(user=row.user, session=row.session) for row in rows]
    return sorted(bookings, key=lambda booking: (booking.session.start_time, person_sort_key(booking.user)))


def bookings_overlapping_circle(*, circle: Circle, sessions: list[Session]) -> list[tuple[Session, Booking]]:
    """For each session of the circle, the other sessions its facilitators are booked in at the same time.

    `sessions` are the circle's sessions with `facilitators` prefetched.
    """
    dates = {session.date for session in sessions}
    users = {user.pk for session in sessions for user in session.facilitators.all()}
    if not dates or not users:
        return []
    rows = (
        Session.facilitators.through.objects.filter(user__in=users, session__date__in=dates)
        .exclude(session__circle__status=Circle.Status.CANCELLED)
        .select_related("user", "session__circle")
    )
    # A few rows: the circle's facilitators on the circle's dates. People in name order at each time.
    ordered = sorted(rows, key=lambda row: (row.session.date, row.session.start_time, person_sort_key(row.user)))
    found: list[tuple[Session, Booking]] = []
    for session in sessions:
        mine = {user.pk for user in session.facilitators.all()}
        for row in ordered:
            other = row.session
            if (
                other.pk != session.pk
                and row.user_id in mine
                and other.date == session.date
                and other.start_time < session.end_time
                and other.end_time > session.start_time
            ):
                found.append((session, Booking(user=row.user, session=other)))
    return found


def session_save(
    *, session: Session, facilitators: Iterable[User], building_blocks: Iterable[BuildingBlock]
) -> Session:
    """Store a new or changed session, renumber the circle, and queue the participants' mails about a change.

    The form has validated the session; this writes it.
    """
    old = _notified_values(session.pk)
    before = list(session.facilitators.values_list("pk", flat=True)) if session.pk else []
    with transaction.atomic():
        session.save()
        session.facilitators.set(list(facilitators))
        session.building_blocks.set(list(building_blocks))
        sessions_renumber(circle=session.circle)
        session.refresh_from_db(fields=["number"])
        changed = {field: value for field, value in old.items() if getattr(session, field) != value}
        if changed:
            Session.objects.filter(pk=session.pk).update(sequence=F("sequence") + 1)
            session.refresh_from_db(fields=["sequence"])
        if changed and session.circle.is_announced:
            # In the same transaction: the change and the participants' mails about it stand or fall together.
            registrations_notify_session_change(session=session, old=changed)
        facilitators_notify_session(session=session, before=before, old=changed)
    return session


def _notified_values(pk: int | None) -> dict[str, datetime.date | datetime.time | str]:
    if pk is None:
        return {}
    stored = Session.objects.filter(pk=pk).values(*NOTIFY_FIELDS).first()
    return dict(stored) if stored else {}


def sessions_add_series(
    *,
    circle: Circle,
    dates: Iterable[datetime.date],
    start_time: datetime.time,
    end_time: datetime.time,
    location: str,
    facilitators: Iterable[User],
) -> list[Session]:
    """Store a series of sessions at once, all or none, and renumber the circle. The form has checked each date."""
    people = list(facilitators)
    with transaction.atomic():
        created = [
            Session.objects.create(
                circle=circle, date=date, start_time=start_time, end_time=end_time, location=location
            )
            for date in dates
        ]
        for session in created:
            session.facilitators.set(people)
        sessions_renumber(circle=circle)
        for session in created:
            session.refresh_from_db(fields=["number"])
        facilitators_notify_series(circle=circle, sessions=created, people=people)
    return created


def session_delete(*, session: Session) -> None:
    circle = session.circle
    with transaction.atomic():
        facilitators_notify_session_deleted(session=session)
        session.delete()
        sessions_renumber(circle=circle)

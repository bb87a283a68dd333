"""Facilitators hear about their own sessions: assigned, moved, taken off, cancelled, with a calendar update.

Like the participants' mails, these start once a circle is announced: a concept is a draft that
changes often. Publishing sends each facilitator one invitation for all their sessions; after that
every change to their sessions sends one mail. Each mail is queued through the outbox inside the
transaction of the change, carrying the sessions' facts as they were then.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from circles import mails
from circles.models import Circle, Session
from leerkring.core import outbox

# Why a facilitator's session is off: taken off it, the session removed, or the circle cancelled.
REMOVED, SESSION_DELETED, CIRCLE_CANCELLED = "removed", "session_deleted", "circle_cancelled"


def session_facts(session: Session) -> dict[str, Any]:
    circle = session.circle
    return {
        "code": str(session.code),
        "number": session.number,
        "circle": circle.name,
        "circle_code": str(circle.code),
        "date": session.date.isoformat(),
        "start_time": session.start_time.isoformat("minutes"),
        "end_time": session.end_time.isoformat("minutes"),
        "location": session.location or circle.location,
    }


def _queue(name: str, user: User, circle: Circle, sessions: list[dict[str, Any]], **data: Any) -> None:
    if not user.email:
        return
    # SEQUENCE must grow with every update of the same event; the moment of the change does.
    sequence = int(timezone.now().timestamp())
    outbox.mail_queue(
        name=name,
        to=user.email,
        about=user,
        language=settings.LANGUAGE_CODE,
        reply_to=circle.project_leader.email,
        data={"sessions": sessions, "sequence": sequence, **data},
    )


def _serialised(old: dict[str, datetime.date | datetime.time | str]) -> dict[str, str]:
    return {key: value if isinstance(value, str) else value.isoformat() for key, value in old.items()}


def facilitators_notify_session(
    *, session: Session, before: Iterable[int], old: dict[str, datetime.date | datetime.time | str]
) -> int:
    """After saving `session`: who was added, taken off, or kept while it moved (`old`: changed fields)."""
    circle = session.circle
    if not circle.is_announced:
        return 0
    was, now = set(before), {user.pk for user in session.facilitators.all()}
    facts = [session_facts(session)]
    count = 0
    for user in User.objects.filter(pk__in=was | now):
        if user.pk not in was:
            _queue(mails.FACILITATOR_ASSIGNED, user, circle, facts)
        elif user.pk not in now:
            _queue(mails.FACILITATOR_CANCEL, user, circle, facts, reason=REMOVED)
        elif old:
            _queue(mails.FACILITATOR_SESSION_CHANGE, user, circle, facts, old=_serialised(old))
        else:
            continue
        count += 1
    return count


def facilitators_notify_circle(*, circle: Circle, cancelled: bool = False) -> int:
    """On publishing, one invitation per facilitator for all their sessions; on cancelling, one cancellation."""
    per_person: dict[int, tuple[User, list[dict[str, Any]]]] = {}
    sessions = circle.sessions.select_related("circle").prefetch_related("facilitators").order_by("date", "pk")
    for session in sessions:
        for user in session.facilitators.all():
            per_person.setdefault(user.pk, (user, []))[1].append(session_facts(session))
    for user, facts in per_person.values():
        if cancelled:
            _queue(mails.FACILITATOR_CANCEL, user, circle, facts, reason=CIRCLE_CANCELLED)
        else:
            _queue(mails.FACILITATOR_ASSIGNED, user, circle, facts)
    return len(per_person)


def facilitators_notify_series(*, circle: Circle, sessions: list[Session], people: list[User]) -> int:
    """A series added at once: one invitation per facilitator for all its sessions."""
    if not circle.is_announced or not sessions:
        return 0
    facts = [session_facts(session) for session in sessions]
    for user in people:
        _queue(mails.FACILITATOR_ASSIGNED, user, circle, facts)
    return len(people)


def facilitators_notify_session_deleted(*, session: Session) -> int:
    """Before the session is deleted: its facilitators' calendars drop it."""
    if not session.circle.is_announced:
        return 0
    facts = [session_facts(session)]
    people = list(session.facilitators.all())
    for user in people:
        _queue(mails.FACILITATOR_CANCEL, user, session.circle, facts, reason=SESSION_DELETED)
    return len(people)

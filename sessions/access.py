"""Who may read and change a session's attendance and verslag. Views fetch sessions through here.

Editors are the session's facilitators, the circle's project leader and superusers. A facilitator
counts as one only while in group begeleider, so revoking the role revokes the access. Project
leaders and staff read every verslag; anyone else (other facilitators too) gets 404, and a
reader who tries to change something gets 403.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from circles.models import Circle, Session
from leerkring.core import roles


def guides_session(user: User | AnonymousUser, session: Session) -> bool:
    """Uses the prefetched facilitators when there are any, so lists stay at a fixed query count."""
    return (
        user.is_authenticated
        and any(item.pk == user.pk for item in session.facilitators.all())
        and roles.is_begeleider(user)
    )


def leads_circle(user: User | AnonymousUser, circle: Circle) -> bool:
    return user.is_authenticated and (user.is_superuser or circle.project_leader_id == user.pk)


def may_edit_outcome(user: User | AnonymousUser, session: Session) -> bool:
    return leads_circle(user, session.circle) or guides_session(user, session)


def may_read_outcome(user: User | AnonymousUser, session: Session) -> bool:
    return roles.sees_all_circles(user) or may_edit_outcome(user, session)


def may_reopen_outcome(user: User | AnonymousUser, session: Session) -> bool:
    return leads_circle(user, session.circle)


def session_for_user(user: User | AnonymousUser, code: UUID, *, change: bool = False) -> Session:
    try:
        session = Session.objects.select_related("circle__project_leader").get(code=code)
    except Session.DoesNotExist:
        raise Http404 from None
    if not may_read_outcome(user, session):
        raise Http404
    if change and not may_edit_outcome(user, session):
        raise PermissionDenied
    return session

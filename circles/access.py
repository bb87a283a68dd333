"""Who may see and change a circle. Views fetch every circle through here.

Outsiders get 404 (the circle's existence is not disclosed); read-only users who try to
change something get 403.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from circles.models import Circle, Session
from leerkring.core import roles


def circles_visible_to(user: User | AnonymousUser) -> QuerySet[Circle]:
    """Project leaders and staff see all circles; a facilitator those of the sessions they guide."""
    if roles.sees_all_circles(user):
        return Circle.objects.all()
    if roles.is_begeleider(user):
        assert isinstance(user, User)  # only a signed-in user has a role
        return Circle.objects.filter(sessions__facilitators=user).distinct()
    return Circle.objects.none()


# What the privacy page promises a facilitator sees of the people in their circle.
FACILITATOR_PARTICIPANT_FIELDS = ("first_name", "last_name", "organisation", "team", "function")


def participant_fields_visible_to(user: User | AnonymousUser) -> tuple[str, ...] | None:
    """The sign-up fields the user may read: None for all of them, () for none.

    Project leaders and staff read everything (on the sign-ups page); a facilitator only name,
    organisation, team and function. The caller has checked that the user sees the circle.
    """
    if roles.sees_all_circles(user):
        return None
    if roles.is_begeleider(user):
        return FACILITATOR_PARTICIPANT_FIELDS
    return ()


def may_change_circles(user: User | AnonymousUser) -> bool:
    return roles.is_projectleider(user)


def require_circle_overview(user: User | AnonymousUser) -> None:
    """The overview of circles is for project leaders, staff and facilitators."""
    if not (roles.sees_all_circles(user) or roles.is_begeleider(user)):
        raise PermissionDenied


def require_change_circles(user: User | AnonymousUser) -> None:
    """Creating a circle: project leaders only (403 for everyone else signed in)."""
    if not may_change_circles(user):
        raise PermissionDenied


def circle_for_user(user: User | AnonymousUser, code: UUID, *, change: bool = False) -> Circle:
    try:
        circle = circles_visible_to(user).select_related("project_leader").get(code=code)
    except Circle.DoesNotExist:
        raise Http404 from None
    if change and not may_change_circles(user):
        raise PermissionDenied
    return circle


def circle_signups_for_user(user: User | AnonymousUser, code: UUID) -> Circle:
    """A circle whose sign-ups page (all personal data) the user may read.

    404 for who does not see the circle; 403 for a facilitator, who sees the circle but
    only some fields of its participants.
    """
    circle = circle_for_user(user, code)
    if participant_fields_visible_to(user) is not None:
        raise PermissionDenied
    return circle


def session_to_change(user: User | AnonymousUser, code: UUID) -> Session:
    """A session whose circle the user plans: 404 when they cannot see the circle, 403 when they only read it."""
    try:
        session = Session.objects.select_related("circle").get(code=code, circle__in=circles_visible_to(user))
    except Session.DoesNotExist:
        raise Http404 from None
    if not may_change_circles(user):
        raise PermissionDenied
    return session


def may_read_circle_history(user: User | AnonymousUser) -> bool:
    """The history names participants and shows every field: project leaders and staff only."""
    return roles.sees_all_circles(user)


def circle_history_for_user(user: User | AnonymousUser, code: UUID) -> Circle:
    """A circle whose history (Geschiedenis) the user may read: 404 outsiders, 403 facilitators."""
    circle = circle_for_user(user, code)
    if not may_read_circle_history(user):
        raise PermissionDenied
    return circle


def may_edit_own_profile(user: User | AnonymousUser) -> bool:
    """Facilitators and project leaders are named in the verslagen, so they say how (Mijn gegevens)."""
    return roles.is_begeleider(user) or roles.is_projectleider(user)


def require_own_profile(user: User | AnonymousUser) -> None:
    if not may_edit_own_profile(user):
        raise PermissionDenied


def may_edit_profiles(user: User | AnonymousUser) -> bool:
    """Staff keep the facilitators' organisations up to date for them."""
    return roles.is_staf(user) or user.is_superuser


def require_edit_profiles(user: User | AnonymousUser) -> None:
    if not may_edit_profiles(user):
        raise PermissionDenied


def people_with_profiles() -> QuerySet[User]:
    """The people a verslag may name: active facilitators and project leaders."""
    named = [roles.BEGELEIDER, roles.PROJECTLEIDER]
    return User.objects.filter(groups__name__in=named, is_active=True).distinct()


def profile_person_for_user(user: User | AnonymousUser, username: str) -> User:
    """A facilitator or project leader whose details staff change: 403 for everyone else, 404 for no such person."""
    require_edit_profiles(user)
    try:
        return people_with_profiles().get(username=username)
    except User.DoesNotExist:
        raise Http404 from None

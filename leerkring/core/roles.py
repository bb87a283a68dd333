"""The three roles of Leerkring are Django groups, created by a data migration."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

PROJECTLEIDER = "projectleider"
BEGELEIDER = "begeleider"
STAF = "staf"
ALL_ROLES = (PROJECTLEIDER, BEGELEIDER, STAF)


def user_roles(user: User | AnonymousUser) -> frozenset[str]:
    """The role names of a user, looked up once per user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_leerkring_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ALL_ROLES).values_list("name", flat=True))
        # A per-object cache: Django's User declares no such attribute.
        user._leerkring_roles = cached  # type: ignore[attr-defined]
    return cached


def is_projectleider(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or PROJECTLEIDER in user_roles(user))


def is_begeleider(user: User | AnonymousUser) -> bool:
    return BEGELEIDER in user_roles(user)


def is_staf(user: User | AnonymousUser) -> bool:
    return STAF in user_roles(user)


def sees_all_circles(user: User | AnonymousUser) -> bool:
    """Project leaders and staff see every circle; staff only reads."""
    return is_projectleider(user) or is_staf(user)

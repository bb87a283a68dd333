"""Who may use the privacy pages: the data-access log and a person's data (AVG rights)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

from leerkring.core import roles


def may_handle_privacy(user: User | AnonymousUser) -> bool:
    """Staf of the Werkplaats answer a person's AVG request and read the log; so may a superuser."""
    return user.is_authenticated and (user.is_superuser or roles.is_staf(user))


def require_privacy(user: User | AnonymousUser) -> None:
    if not may_handle_privacy(user):
        raise PermissionDenied

"""The bouwstenen page's figures, computed once per change of what they count, not once per view.

Counting which circles work on each bouwsteen, and the bouwstenen × period matrix of circles,
sessions, participants and established verslagen, reads every circle, so it grows with them; the
figures are kept in the cache under a version that every save or delete of a circle, session,
sign-up or verslag (sessions/apps.py), and every change of their bouwstenen or facilitators, moves
on. A view between two changes reads them back in one cache hit. Without the shared cache (no
Redis configured, or Redis unreachable) the figures are computed for the view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from redis import RedisError

from leerkring.core import roles

logger = logging.getLogger(__name__)

VERSION_KEY = "bouwstenen:versie"
# A backstop for changes that bypass the model signals (bulk updates); a normal change is seen at once.
CACHE_SECONDS = 600

Figures = dict[int, tuple[int, list[int]]]  # bouwsteen pk → (circles working on it, most recent circle pks)
T = TypeVar("T")


def scope_of(user: User | AnonymousUser) -> str | None:
    """Who sees the same figures: everyone who sees all circles ("alle"), or one facilitator; None
    for a user without a role, who sees none."""
    if roles.sees_all_circles(user):
        return "alle"
    if roles.is_begeleider(user):
        return f"begeleider-{user.pk}"
    return None


def figures(scope: str, compute: Callable[[], T], kind: str = "dekking") -> T:
    """The figures of one `kind` for a visibility scope, from the cache when current."""
    if not settings.SHARED_CACHE:
        return compute()
    try:
        version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
        key = f"bouwstenen:{version}:{kind}:{scope}"
        found = cache.get(key)
        if found is None:
            found = compute()
            cache.set(key, found, CACHE_SECONDS)
        return found
    except (RedisError, OSError) as exc:
        logger.warning("Bouwstenen overview: the shared cache is unreachable (%s); computing for this view", exc)
        return compute()


def changed(**_: Any) -> None:
    """Signal receiver: circles, sessions, sign-ups, verslagen, their bouwstenen or facilitators changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet: nothing cached under a version to move away from
        cache.set(VERSION_KEY, 1, timeout=None)
    except (RedisError, OSError) as exc:
        # The entries still expire after CACHE_SECONDS; the change itself must not fail on the cache.
        logger.warning("Bouwstenen overview: could not move the cache version on (%s)", exc)

"""Figures that read much of the data, computed once per change of it, not once per view.

The bouwstenen page counts which circles work on each bouwsteen and fills the bouwstenen × period
matrix; the kennisbank counts its matches and their facets. Each reads every circle or verslag it
counts, so it grows with them. Such figures are kept in the shared cache under one version that
every save or delete of a circle, session, sign-up or verslag, and every change of their bouwstenen
or facilitators, moves on (circles/apps.py, sessions/apps.py): a view between two changes reads
them back in one cache hit, and the first view after a change computes them again. Without the
shared cache (no Redis configured, or Redis unreachable) the figures are computed for every view.
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

VERSION_KEY = "figures:versie"
# A backstop for changes that bypass the model signals (bulk updates); a normal change is seen at once.
CACHE_SECONDS = 600

T = TypeVar("T")


def scope_of(user: User | AnonymousUser) -> str | None:
    """Who sees the same figures: everyone who sees all circles ("alle"), or one facilitator; None
    for a user without a role, who sees none."""
    if roles.sees_all_circles(user):
        return "alle"
    if roles.is_begeleider(user):
        return f"begeleider-{user.pk}"
    return None


def cached(kind: str, scope: str, compute: Callable[[], T]) -> T:
    """The figures of one `kind` for a scope (who sees them, and what was asked), from the cache
    when current; `compute` makes them otherwise."""
    if not settings.SHARED_CACHE:
        return compute()
    try:
        version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
        key = f"figures:{version}:{kind}:{scope}"
        found = cache.get(key)
        if found is None:
            found = compute()
            cache.set(key, found, CACHE_SECONDS)
        return found
    except (RedisError, OSError) as exc:
        logger.warning("Figures (%s): the shared cache is unreachable (%s); computing for this view", kind, exc)
        return compute()


def changed(**_: Any) -> None:
    """Signal receiver: circles, sessions, sign-ups, verslagen, their bouwstenen or facilitators changed.

    The version moves on when the row is saved, before its transaction commits: a view that computes
    the figures in that moment still counts the data as it was, and its figures are read until the
    next change or for at most CACHE_SECONDS.
    """
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet: nothing cached under a version to move away from
        cache.set(VERSION_KEY, 1, timeout=None)
    except (RedisError, OSError) as exc:
        # The entries still expire after CACHE_SECONDS; the change itself must not fail on the cache.
        logger.warning("Figures: could not move the cache version on (%s)", exc)

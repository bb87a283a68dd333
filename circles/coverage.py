"""The bouwstenen overview's figures, computed once per change of the circles, not once per view.

Counting which circles work on each bouwsteen reads every circle, so it grows with them; the
figures (a count and the few most recent circle ids per bouwsteen) are kept in the cache under a
version that every save or delete of a circle or session, and every change of their bouwstenen or
facilitators, moves on. A view between two changes reads them back in one cache hit. Without the
shared cache (no Redis configured, or Redis unreachable) the figures are computed for the view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from redis import RedisError

logger = logging.getLogger(__name__)

VERSION_KEY = "bouwstenen:versie"
# A backstop for changes that bypass the model signals (bulk updates); a normal change is seen at once.
CACHE_SECONDS = 600

Figures = dict[int, tuple[int, list[int]]]  # bouwsteen pk → (circles working on it, most recent circle pks)


def figures(scope: str, compute: Callable[[], Figures]) -> Figures:
    """The figures for a visibility scope ("alle", or one facilitator's), from the cache when current."""
    if not settings.SHARED_CACHE:
        return compute()
    try:
        version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
        key = f"bouwstenen:{version}:{scope}"
        found = cache.get(key)
        if found is None:
            found = compute()
            cache.set(key, found, CACHE_SECONDS)
        return found
    except (RedisError, OSError) as exc:
        logger.warning("Bouwstenen overview: the shared cache is unreachable (%s); computing for this view", exc)
        return compute()


def changed(**_: Any) -> None:
    """Signal receiver: circles, sessions, their bouwstenen or facilitators changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet: nothing cached under a version to move away from
        cache.set(VERSION_KEY, 1, timeout=None)
    except (RedisError, OSError) as exc:
        # The entries still expire after CACHE_SECONDS; the change itself must not fail on the cache.
        logger.warning("Bouwstenen overview: could not move the cache version on (%s)", exc)

"""A fixed-window counter per client address in Django's cache (shared Redis in production).

When the shared cache is unreachable the sign-up still works: the counter falls back to this
process's own memory (the "local" cache) for FALLBACK_SECONDS, then Redis is tried again. Each
web process then counts on its own, so a visitor may get the limit once per process, not less;
a warning in the log says the fallback is in use.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from redis import RedisError

from leerkring.core.http import client_address

logger = logging.getLogger(__name__)
FALLBACK_SECONDS = 30.0
T = TypeVar("T")

_shared_down_until = 0.0


def _key(scope: str, address: str) -> str:
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def _counted(action: Callable[[BaseCache], T]) -> T:
    """Run `action` on the shared cache, or on this process's memory while the shared one is unreachable."""
    global _shared_down_until
    if time.monotonic() < _shared_down_until:
        return action(caches["local"])
    try:
        return action(caches["default"])
    except (RedisError, OSError) as exc:
        _shared_down_until = time.monotonic() + FALLBACK_SECONDS
        logger.warning(
            "Sign-up rate limit: the shared cache is unreachable (%s); counting in this process for %ds",
            exc,
            FALLBACK_SECONDS,
        )
        return action(caches["local"])


def signup_limit_reached(request: HttpRequest) -> bool:
    key = _key("signup", client_address(request))
    count = _counted(lambda cache: cache.get(key, 0))
    return int(count) >= settings.SIGNUP_RATE_LIMIT


def _count(cache: BaseCache, key: str) -> None:
    """Count one attempt; the window starts with the first one."""
    if not cache.add(key, 1, timeout=settings.SIGNUP_RATE_PERIOD):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=settings.SIGNUP_RATE_PERIOD)


def signup_count(request: HttpRequest) -> None:
    key = _key("signup", client_address(request))
    _counted(lambda cache: _count(cache, key))

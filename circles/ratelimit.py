"""A fixed-window counter per client address in Django's cache (shared Redis in production)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from leerkring.core.http import client_address


def _key(scope: str, address: str) -> str:
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def signup_limit_reached(request: HttpRequest) -> bool:
    count = cache.get(_key("signup", client_address(request)), 0)
    return int(count) >= settings.SIGNUP_RATE_LIMIT


def signup_count(request: HttpRequest) -> None:
    """Count one sign-up attempt; the window starts with the first one."""
    key = _key("signup", client_address(request))
    if not cache.add(key, 1, timeout=settings.SIGNUP_RATE_PERIOD):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=settings.SIGNUP_RATE_PERIOD)

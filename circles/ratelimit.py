"""A fixed-window counter per client address in Django's cache (shared Redis in production)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies an X-Forwarded-For entry.

    Each proxy appends the address it received the request from, so the client is the entry
    that many places from the right; whatever stands further left the visitor may have written
    themselves. With fewer entries than proxies the header is not trusted.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


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

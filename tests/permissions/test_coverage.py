"""Each URL of our apps has a row in the permission matrix: a new URL must add one."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from tests.permissions.test_matrix import all_rows

OUR_NAMESPACES = {"circles", "sessions", "reports", "buildingblocks", "avg", "kennisbank"}


def _named_urls(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _named_urls(pattern.url_patterns, pattern.namespace or namespace)
        elif namespace in OUR_NAMESPACES and pattern.name:
            names.add(f"{namespace}:{pattern.name}")
    return names


def _view_name(path: str) -> str:
    """The URL name a row checks; '' for a path answered outside the URLconf (e.g. /health/, a middleware)."""
    try:
        return resolve(path).view_name
    except Resolver404:
        return ""


def test_every_named_url_of_our_apps_has_a_permission_row() -> None:
    codes = {key: str(uuid.uuid4()) for key in ("circle", "session", "next_session", "registration")}
    covered = {_view_name(urlsplit(row.url.format(**codes)).path) for _, row in all_rows()}
    assert _named_urls(get_resolver().url_patterns) - covered == set()

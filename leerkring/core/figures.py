"""Figures that read much of the data, counted by the worker after a change, not by the view.

The bouwstenen page counts which circles work on each bouwsteen and fills the bouwstenen × period
matrix; the kennisbank counts its matches and their facets. Each reads every circle or verslag it
counts, so it grows with them. Such figures are kept in the shared cache (Redis), with the version
of the data they were counted from: every save or delete of a circle, session, sign-up or verslag,
and every change of their bouwstenen or facilitators, moves that version on (circles/apps.py,
sessions/apps.py) and, once its transaction has committed, asks the worker to count again.

- A view of current figures reads them back in one cache hit.
- A view after a change, while the worker is counting, shows the figures from before the change:
  a count at most one change behind, for the seconds the worker takes. The page costs the same at
  any size; the worker's count grows with the data instead (`make bench` prints both).
- Figures older than CACHE_SECONDS are counted again by the worker (a change that bypassed the
  signals, a bulk update, shows up then) and shown until it has.
- The worker counts again what was viewed in the last day (at most MAX_WANTED figures, the most
  recent): the question asked, and who asked it, are kept in the cache for that; a kennisbank
  search text among them.
- Without a refresh on its way (the worker or the broker unreachable) a view after a change counts
  for itself, as it does without the cache; so does any view of figures nobody viewed in a day.

Without the shared cache (no Redis configured, or Redis unreachable) every view counts.
A kind of figures registers how to count it and who shares it (`register`), so the worker, which
has no view's closure, can count it again.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.db import transaction
from redis import RedisError

from leerkring.core import roles

logger = logging.getLogger(__name__)

Reader = User | AnonymousUser

VERSION_KEY = "figures:versie"
WANTED_KEY = "figures:gevraagd"
REFRESH_KEY = "figures:verversen"
# Figures older than this are counted again (by the worker when one is on its way): a backstop for
# changes that bypass the model signals (bulk updates). Stale figures are never served beyond it.
CACHE_SECONDS = 600
# A refresh asked for and not done within this time is taken as lost: views count for themselves.
REFRESH_SECONDS = 60
# Changes in quick succession (a form that saves several rows) are counted once.
REFRESH_DELAY = 1
WANTED_SECONDS = 24 * 3600
MAX_WANTED = 100


@dataclass(frozen=True)
class Kind:
    """How to count one kind of figures for a reader and a question (`asked`, picklable), and the
    key that says who shares them: the same key, the same figures. A key of None: not cached."""

    count: Callable[[Reader, Any], Any]
    key: Callable[[Reader, Any], str | None]


_KINDS: dict[str, Kind] = {}


def register(name: str, *, count: Callable[[Reader, Any], Any], key: Callable[[Reader, Any], str | None]) -> None:
    _KINDS[name] = Kind(count=count, key=key)


def scope_of(user: Reader) -> str | None:
    """Who sees the same circles: everyone who sees all circles ("alle"), or one facilitator; None
    for a user without a role, who sees none."""
    if roles.sees_all_circles(user):
        return "alle"
    if roles.is_begeleider(user):
        return f"begeleider-{user.pk}"
    return None


def hashed(text: str) -> str:
    """A short fixed-length key part for a long question (a query string)."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def get(name: str, reader: Reader, asked: Any = None) -> Any:
    """The figures of kind `name` for `reader` and `asked`: from the cache when current (or while
    the worker counts them again), counted here otherwise."""
    return get_with_currency(name, reader, asked)[0]


def get_with_currency(name: str, reader: Reader, asked: Any = None) -> tuple[Any, bool]:
    """As `get`, and whether the figures are current: False for figures from before the last
    change, shown while the worker counts again (a caller that lists rows from them checks those
    rows again)."""
    kind = _KINDS[name]
    key = kind.key(reader, asked)
    if key is None or not settings.SHARED_CACHE:
        return kind.count(reader, asked), True
    entry_key = f"figures:{name}:{key}"
    try:
        version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
        entry = cache.get(entry_key)
        if entry is not None:
            counted_version, counted_at, value = entry
            age = time.time() - counted_at
            if counted_version == version:
                if age >= CACHE_SECONDS:
                    refresh_soon()  # the backstop: counted again by the worker, shown until then
                    return value, False
                return value, True
            if age < CACHE_SECONDS and cache.get(REFRESH_KEY) is not None:
                return value, False  # one change behind, for as long as the worker takes
        value = kind.count(reader, asked)
        cache.set(entry_key, (version, time.time(), value), WANTED_SECONDS)
        _want(entry_key, name, reader, asked)
        return value, True
    except (RedisError, OSError) as exc:
        logger.warning("Figures (%s): the shared cache is unreachable (%s); counting for this view", name, exc)
        return kind.count(reader, asked), True


def _want(entry_key: str, name: str, reader: Reader, asked: Any) -> None:
    """Keep what was asked, so the worker counts it again after the next change."""
    wanted: dict[str, tuple[str, int | None, Any, float]] = cache.get(WANTED_KEY) or {}
    wanted[entry_key] = (name, reader.pk, asked, time.time())
    if len(wanted) > MAX_WANTED:
        newest = sorted(wanted.items(), key=lambda item: item[1][3], reverse=True)[:MAX_WANTED]
        wanted = dict(newest)
    cache.set(WANTED_KEY, wanted, WANTED_SECONDS)


def changed(**_: Any) -> None:
    """Signal receiver: circles, sessions, sign-ups, verslagen, their bouwstenen or facilitators changed.

    The version moves on when the row is saved, before its transaction commits; the worker is asked
    to count once it has committed (a count before that would still see the data as it was).
    """
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet: nothing cached under a version to move away from
        cache.set(VERSION_KEY, 1, timeout=None)
    except (RedisError, OSError) as exc:
        # The entries still age out after CACHE_SECONDS; the change itself must not fail on the cache.
        logger.warning("Figures: could not move the cache version on (%s)", exc)
        return
    if settings.SHARED_CACHE and not _refresh_pending_on_commit():
        transaction.on_commit(refresh_soon, robust=True)


def _refresh_pending_on_commit() -> bool:
    """Whether this transaction already asks for a refresh when it commits: one is enough."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(entry[1] is refresh_soon for entry in connection.run_on_commit)


def refresh_soon() -> None:
    """Ask the worker to count again, unless a refresh is already on its way."""
    from leerkring.core.tasks import figures_refresh

    try:
        if not cache.add(REFRESH_KEY, time.time(), REFRESH_SECONDS):
            return
    except (RedisError, OSError) as exc:
        logger.warning("Figures: could not ask for a refresh (%s)", exc)
        return
    try:
        figures_refresh.apply_async(countdown=REFRESH_DELAY)
    except Exception as exc:  # the broker unreachable: views count for themselves
        cache.delete(REFRESH_KEY)
        logger.warning("Figures: the worker could not be asked to count again (%s)", exc)


def refresh() -> int:
    """The worker's part: count again every figure viewed in the last day, as its reader sees it now.
    Counts again while the data changes under it (at most three rounds). Returns how many it counted."""
    counted = 0
    try:
        for _round in range(3):
            version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
            counted = _refresh_wanted(version)
            if cache.get(VERSION_KEY) == version:
                break
    finally:
        cache.delete(REFRESH_KEY)
    return counted


def _refresh_wanted(version: Any) -> int:
    wanted: dict[str, tuple[str, int | None, Any, float]] = cache.get(WANTED_KEY) or {}
    readers = _readers({reader_pk for _name, reader_pk, _asked, _at in wanted.values()})
    gone = []
    for entry_key, (name, reader_pk, asked, asked_at) in wanted.items():
        kind = _KINDS.get(name)
        reader = readers.get(reader_pk)
        # Figures nobody asked for in a day, or whose reader no longer shares them (a role taken
        # away, an account closed), are dropped rather than counted for someone else.
        if kind is None or reader is None or time.time() - asked_at > WANTED_SECONDS:
            gone.append(entry_key)
            continue
        if f"figures:{name}:{kind.key(reader, asked)}" != entry_key:
            gone.append(entry_key)
            continue
        cache.set(entry_key, (version, time.time(), kind.count(reader, asked)), WANTED_SECONDS)
    if gone:
        latest = cache.get(WANTED_KEY) or {}
        cache.set(WANTED_KEY, {key: value for key, value in latest.items() if key not in gone}, WANTED_SECONDS)
        cache.delete_many(gone)
    return len(wanted) - len(gone)


def _readers(pks: set[int | None]) -> dict[int | None, Reader]:
    """The readers behind the wanted figures, active accounts only, in one query; None: a visitor."""
    found: dict[int | None, Reader] = {}
    found.update(User.objects.filter(is_active=True).in_bulk([pk for pk in pks if pk is not None]))
    if None in pks:
        found[None] = AnonymousUser()
    return found

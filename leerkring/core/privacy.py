"""Personal data, declared by the apps that store it: one registry of handlers.

Each app registers a handler in its AppConfig.ready() for every model that holds personal data,
naming the fields. The retention task asks every handler to anonymise what belongs to circles
that ended long enough ago (`privacy.anonymise_circles`), so circles never imports the apps above
it to wipe their rows. A test checks that every field holding personal data is declared.

A person's AVG rights go through the same registry: a handler names the rows it holds about one
person (`rows`, by e-mail address or name), and may `erase` them. The registry exports every
stored field of those rows (leerkring/core/avg.py) and erases them all, so a new model with
personal data only has to register to be part of the export and the erase.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

# Anonymise what the handler holds for these circles, writing `placeholder` where a name was.
Anonymise = Callable[[QuerySet[Any], str], int]


@dataclass(frozen=True)
class Person:
    """Whom an AVG request is about: their address, and the names they signed up with."""

    email: str
    names: frozenset[str] = frozenset()

    @property
    def words(self) -> tuple[str, ...]:
        """What identifies them in free text: the address and each full name."""
        return (self.email, *sorted(self.names))


@dataclass(frozen=True)
class Mention:
    """A piece of free text that names the person: listed for a human to edit, never changed by us."""

    where: str
    text: str
    url: str


# The rows about one person, and how to erase those rows (returns how many it touched).
Rows = Callable[[Person], QuerySet[Any]]
Erase = Callable[[QuerySet[Any], str], int]


@dataclass(frozen=True)
class Handler:
    """One model's personal data: which fields, and how to wipe them for circles past retention."""

    model: type[Model]
    fields: tuple[str, ...]
    anonymise: Anonymise
    rows: Rows | None = None
    erase: Erase | None = None
    # What the rows are called on a person's page; the model's plural name unless given.
    title: Any = ""
    notes: str = ""

    @property
    def label(self) -> str:
        return self.model._meta.label


_handlers: list[Handler] = []
# Names a person signed up with, found from their address (circles registers it).
_name_finders: list[Callable[[str], set[str]]] = []
# Free text naming a person (sessions registers the verslagen).
_mention_finders: list[Callable[[Person], list[Mention]]] = []


def register(handler: Handler) -> None:
    """Called from an AppConfig.ready(); a model is declared once."""
    if any(existing.model is handler.model for existing in _handlers):
        return
    _handlers.append(handler)


def register_names(finder: Callable[[str], set[str]]) -> None:
    if finder not in _name_finders:
        _name_finders.append(finder)


def register_mentions(finder: Callable[[Person], list[Mention]]) -> None:
    if finder not in _mention_finders:
        _mention_finders.append(finder)


def handlers() -> tuple[Handler, ...]:
    return tuple(_handlers)


def declared_fields() -> set[tuple[str, str]]:
    """(model label, field name) for every field some handler declares personal."""
    return {(handler.label, name) for handler in _handlers for name in handler.fields}


def anonymise_circles(circles: QuerySet[Any], *, placeholder: str) -> dict[str, int]:
    """Every handler wipes its personal data of these circles; how many rows each touched, by model label."""
    return {handler.label: handler.anonymise(circles, placeholder) for handler in _handlers}


def person_find(email: str) -> Person:
    email = email.strip()
    names = {name.strip() for finder in _name_finders for name in finder(email) if name.strip()}
    return Person(email=email, names=frozenset(names))


def person_rows(person: Person) -> list[tuple[Handler, QuerySet[Any]]]:
    """Each handler that holds rows about the person, with those rows (possibly none)."""
    return [(handler, handler.rows(person)) for handler in _handlers if handler.rows is not None]


def person_mentions(person: Person) -> list[Mention]:
    return [mention for finder in _mention_finders for mention in finder(person)]


@dataclass
class Snapshot:
    """The primary keys of every row about a person, taken before any is erased (an erased row no
    longer matches the address or name it was found by)."""

    pks: dict[str, list[Any]] = field(default_factory=dict)


def person_snapshot(person: Person) -> Snapshot:
    return Snapshot({handler.label: list(rows.values_list("pk", flat=True)) for handler, rows in person_rows(person)})


def person_erase(snapshot: Snapshot, *, placeholder: str) -> dict[str, int]:
    """Every handler erases its rows of the snapshot, the apps above first (their rows point at the
    sign-ups below); how many rows each touched, by model label."""
    erased = {}
    for handler in reversed(_handlers):
        if handler.erase is not None and snapshot.pks.get(handler.label):
            rows = handler.model._default_manager.filter(pk__in=snapshot.pks[handler.label])
            erased[handler.label] = handler.erase(rows, placeholder)
    return erased

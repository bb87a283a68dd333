"""Personal data, declared by the apps that store it: one registry of handlers.

Each app registers a handler in its AppConfig.ready() for every model that holds personal data,
naming the fields. The retention task asks every handler to anonymise what belongs to circles
that ended long enough ago (`privacy.anonymise_circles`), so circles never imports the apps above
it to wipe their rows. A test checks that every field holding personal data is declared.

Made to grow (issue 10): a handler may also `export` what it holds about one e-mail address and
`erase` one person; the registry then answers "everything about this address" by asking each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet

# Anonymise what the handler holds for these circles, writing `placeholder` where a name was.
Anonymise = Callable[[QuerySet[Any], str], int]
# What the handler holds about one e-mail address, as plain data (issue 10).
Export = Callable[[str], list[dict[str, Any]]]


@dataclass(frozen=True)
class Handler:
    """One model's personal data: which fields, and how to wipe them for circles past retention."""

    model: type[Model]
    fields: tuple[str, ...]
    anonymise: Anonymise
    export: Export | None = None
    notes: str = ""

    @property
    def label(self) -> str:
        return self.model._meta.label


_handlers: list[Handler] = []


def register(handler: Handler) -> None:
    """Called from an AppConfig.ready(); a model is declared once."""
    if any(existing.model is handler.model for existing in _handlers):
        return
    _handlers.append(handler)


def handlers() -> tuple[Handler, ...]:
    return tuple(_handlers)


def declared_fields() -> set[tuple[str, str]]:
    """(model label, field name) for every field some handler declares personal."""
    return {(handler.label, name) for handler in _handlers for name in handler.fields}


def anonymise_circles(circles: QuerySet[Any], *, placeholder: str) -> dict[str, int]:
    """Every handler wipes its personal data of these circles; how many rows each touched, by model label."""
    return {handler.label: handler.anonymise(circles, placeholder) for handler in _handlers}

"""A person's AVG rights for staf: everything stored about them, exported or erased.

The rows come from the handlers of leerkring/core/privacy.py; this module adds what lives in
the project's own glue: the history (django-auditlog) and the admin's log, whose texts repeat
names and addresses. The export holds every stored field of every row, by field name.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry as HistoryEntry
from django.contrib.admin.models import LogEntry as AdminEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Field, Model, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from leerkring.core import privacy
from leerkring.core.privacy import Person, Snapshot

HISTORY = "auditlog.LogEntry"
ADMIN_LOG = "admin.LogEntry"


def field_value(row: Model, field: Field[Any, Any]) -> Any:
    """A stored value as plain data: a key for a relation, a file's name, dates in ISO."""
    value = field.value_from_object(row)
    if hasattr(value, "name") and not isinstance(value, str):  # a file
        return value.name or ""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def row_export(row: Model) -> dict[str, Any]:
    return {field.name: field_value(row, field) for field in row._meta.concrete_fields}


@dataclass(frozen=True)
class Section:
    """The rows of one model about the person: for the JSON (`label`) and for people (`title`)."""

    label: str
    title: str
    rows: list[Model]

    def exported(self) -> list[dict[str, Any]]:
        return [row_export(row) for row in self.rows]

    def readable(self) -> list[list[tuple[str, str]]]:
        return [
            [(str(field.verbose_name), _readable(row, field)) for field in row._meta.concrete_fields]
            for row in self.rows
        ]


def _readable(row: Model, field: Field[Any, Any]) -> str:
    stored = field.value_from_object(row)
    if isinstance(stored, datetime.datetime):
        return formats.date_format(timezone.localtime(stored), "j F Y H:i")
    if isinstance(stored, datetime.date):
        return formats.date_format(stored, "j F Y")
    if field.choices:
        return str(getattr(row, f"get_{field.name}_display")()) or "—"
    if field.is_relation:
        related = getattr(row, field.name)
        return "—" if related is None else str(related)
    value = field_value(row, field)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if value in (None, ""):
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def person_sections(person: Person) -> list[Section]:
    """Every row about the person, per model, the history and the admin's log included; empty models left out."""
    sections = [
        Section(handler.label, str(handler.title or handler.model._meta.verbose_name_plural), list(rows))
        for handler, rows in privacy.person_rows(person)
    ]
    snapshot = Snapshot({section.label: [row.pk for row in section.rows] for section in sections})
    sections.append(Section(HISTORY, _("geschiedenis"), list(_history(person, snapshot))))
    sections.append(Section(ADMIN_LOG, _("logboek van het beheer"), list(_admin_log(person))))
    return [section for section in sections if section.rows]


def person_export(person: Person) -> dict[str, Any]:
    return {
        "email": person.email,
        "gegevens": {section.label: section.exported() for section in person_sections(person)},
    }


def _text_matches(person: Person, *fields: str) -> Q:
    matches = Q()
    for word in person.words:
        for field in fields:
            matches |= Q(**{f"{field}__icontains": word})
    return matches


def _history(person: Person, snapshot: Snapshot) -> QuerySet[HistoryEntry]:
    """Entries about the person's rows, and any whose text names them."""
    about = Q(pk__in=[])
    for label, pks in snapshot.pks.items():
        if pks:
            content_type = ContentType.objects.get_for_model(_model(label))
            about |= Q(content_type=content_type, object_pk__in=[str(pk) for pk in pks])
    return HistoryEntry.objects.filter(
        about | _text_matches(person, "object_repr", "changes_text", "changes")
    ).order_by("timestamp", "pk")


def _admin_log(person: Person) -> QuerySet[AdminEntry]:
    return AdminEntry.objects.filter(_text_matches(person, "object_repr", "change_message")).order_by("action_time")


def _model(label: str) -> type[Model]:
    [handler] = [handler for handler in privacy.handlers() if handler.label == label]
    return handler.model


def _scrub(text: str, person: Person, placeholder: str) -> str:
    for word in sorted(person.words, key=len, reverse=True):
        text = re.sub(re.escape(word), placeholder, text, flags=re.IGNORECASE)
    return text


def _scrub_data(value: Any, person: Person, placeholder: str) -> Any:
    return json.loads(_scrub(json.dumps(value, ensure_ascii=False), person, placeholder)) if value is not None else None


def _history_erase(person: Person, snapshot: Snapshot, placeholder: str) -> int:
    """The history keeps what happened, not who it happened to: names and addresses become the placeholder.

    On an entry about one of the person's rows, every personal field's values go (a first name
    or phone number alone says nothing to a text search); elsewhere the texts are searched.
    """
    personal = {handler.label: set(handler.fields) for handler in privacy.handlers()}
    entries = list(_history(person, snapshot).select_related("content_type"))
    for entry in entries:
        label = entry.content_type.model_class()._meta.label if entry.content_type.model_class() else ""
        own = label in snapshot.pks and entry.object_pk in {str(pk) for pk in snapshot.pks[label]}
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        if own:
            entry.object_repr = placeholder
            changes = {
                key: _wiped(values, placeholder) if key in personal[label] else values
                for key, values in changes.items()
            }
        entry.changes = _scrub_data(changes, person, placeholder) if changes else entry.changes
        entry.changes_text = _scrub(entry.changes_text, person, placeholder)
        entry.object_repr = _scrub(entry.object_repr, person, placeholder)
        entry.serialized_data = _scrub_data(entry.serialized_data, person, placeholder)
        entry.save(update_fields=["object_repr", "changes", "changes_text", "serialized_data"])
    return len(entries)


def _wiped(values: Any, placeholder: str) -> Any:
    if isinstance(values, list):
        return [value if value in (None, "", "None") else placeholder for value in values]
    return placeholder


def _admin_log_erase(person: Person, placeholder: str) -> int:
    entries = list(_admin_log(person))
    for entry in entries:
        entry.object_repr = _scrub(entry.object_repr, person, placeholder)[:200]
        entry.change_message = _scrub(entry.change_message, person, placeholder)
        entry.save(update_fields=["object_repr", "change_message"])
    return len(entries)


def person_erase(person: Person, *, placeholder: str) -> dict[str, int]:
    """Erase the person everywhere in one transaction; how many rows each model touched."""
    with transaction.atomic():
        snapshot = privacy.person_snapshot(person)
        history = _history_erase(person, snapshot, placeholder)
        erased = privacy.person_erase(snapshot, placeholder=placeholder)
        erased[HISTORY] = history
        erased[ADMIN_LOG] = _admin_log_erase(person, placeholder)
    return erased

"""The audit trail: who changed what and when, on top of django-auditlog.

django-auditlog was chosen over django-simple-history and django-pghistory: it keeps every change
in one table (one place to show per circle and one place to scrub when a person is erased),
records changes made in the admin through the same model signals as the pages, and runs on SQLite
(the embedded default) as well as PostgreSQL; pghistory needs PostgreSQL triggers and
simple-history adds a shadow table per model.

Every tracked model says which circle it belongs to (`get_additional_data`), so a circle's
history is one indexed query. Updates the services make with a conditional `UPDATE` (which sends
no signal) are recorded with `audit_record_update`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

CIRCLE_KEY = "circle"
# Noise in a history a person reads: keys and timestamps, and the parent a row never leaves.
UNTRACKED = ["id", "created_at", "updated_at", "code", "version", "circle", "session"]


def audit_register(model: type[Model], *, m2m: Iterable[str] = (), exclude: Iterable[str] = ()) -> None:
    """Called from an AppConfig.ready(): track the model's own fields but the noisy ones.

    Named explicitly: left to itself, auditlog would also "track" reverse relations.
    """
    skipped = {*UNTRACKED, *exclude}
    fields = [field.name for field in model._meta.concrete_fields if field.name not in skipped]
    auditlog.register(model, include_fields=fields, m2m_fields=set(m2m))


def audit_record_update(old: Model, new: Model) -> LogEntry | None:
    """Record what a queryset UPDATE changed between `old` and `new` (the same row, before and after)."""
    changes = model_instance_diff(old, new, fields_to_check=_tracked_fields(new))
    if not changes:
        return None
    return LogEntry.objects.log_create(new, action=LogEntry.Action.UPDATE, changes=changes)


def _tracked_fields(instance: Model) -> list[Any]:
    return [field for field in instance._meta.concrete_fields if field.name not in UNTRACKED]


def entries_for_circle(circle_pk: int) -> QuerySet[LogEntry]:
    """Every change recorded for a circle and what belongs to it, newest first."""
    return (
        LogEntry.objects.filter(**{f"additional_data__{CIRCLE_KEY}": circle_pk})
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    # For a many-to-many field: "added" or "removed" (the names are in `new`).
    operation: str = ""


def action_label(entry: LogEntry) -> str:
    labels = {
        LogEntry.Action.CREATE: _("Aangemaakt"),
        LogEntry.Action.UPDATE: _("Gewijzigd"),
        LogEntry.Action.DELETE: _("Verwijderd"),
        LogEntry.Action.ACCESS: _("Geopend"),
    }
    return str(labels.get(entry.action, entry.get_action_display()))


def object_label(entry: LogEntry) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name) if model else entry.content_type.model


def field_changes(entry: LogEntry) -> list[FieldChange]:
    """The entry's changes as a person reads them: field labels, choice labels, old → new.

    Uses only what is stored on the row (related objects are stored by their name), so a page
    of entries costs no query per entry.
    """
    model = entry.content_type.model_class()
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        label, choices = _field_info(model, name)
        if isinstance(values, dict):  # many-to-many: {"operation": "add", "objects": [...]}
            operation = "added" if values.get("operation") == "add" else "removed"
            objects = ", ".join(str(value) for value in values.get("objects", []))
            rows.append(FieldChange(label, "", objects, operation))
            continue
        old_value, new_value = values
        rows.append(FieldChange(label, _display(old_value, choices), _display(new_value, choices)))
    return rows


def _field_info(model: type[Model] | None, name: str) -> tuple[str, dict[str, str]]:
    if model is None:
        return name, {}
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name, {}
    label = str(getattr(field, "verbose_name", name))
    label = label[:1].upper() + label[1:]
    choices = {str(key): str(value) for key, value in (getattr(field, "choices", None) or [])}
    return label, choices


def _display(value: Any, choices: dict[str, str]) -> str:
    if value is None or value in ("None", ""):
        return "—"
    text = str(value)
    if text == "True":
        return _("ja")
    if text == "False":
        return _("nee")
    return choices.get(text, text)

"""Look-ups for the verslag form after a version conflict: the note beside a field or a row.

The notes are plain data the editor read from the form (sessions/forms/merge.py); these filters
only find the one that belongs to a field, so a template can show it.
"""

from __future__ import annotations

from django import forms, template

from sessions.forms.merge import FieldNote, RowNote

register = template.Library()


@register.filter
def merge_note(field: forms.BoundField, notes: dict[str, FieldNote] | None) -> FieldNote | None:
    return notes.get(field.html_name) if notes else None


@register.filter
def row_note(form: forms.Form, notes: dict[str, RowNote] | None) -> RowNote | None:
    return notes.get(form.prefix or "") if notes else None


@register.filter
def choice_label(field: forms.BoundField, value: str) -> str:
    """What a select or radio group shows for `value` (a session's name, "Afgerond"); text as it is."""
    for key, label in getattr(field.field, "choices", None) or []:
        if str(key) == str(value):
            return str(label)
    return value

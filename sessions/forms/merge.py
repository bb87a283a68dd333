"""A merge of two people's verslag text (sessions/services/merge.py) as form data, and back.

After a version conflict the editor is bound to `merge_form_data(merge)`: the merged text under
the ordinary field names, and beside each field the other person changed some hidden companions
that travel with the form, so the page can be shown again (say, with an error) without losing them:

    <name>__hun    what they saved        <name>__was    what it was when you opened the page
    <name>__mijn   your text, only where you both changed the field; then <name>__keuze
                   (mijn / hun / bewerkt) says which text stays, and a choice is required
    <prefix>-<n>-rij   why a row is there although one of you deleted it

No JavaScript is needed: the choice is a radio group, "bewerkt" takes the field as it is typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sessions.services.merge import ADDED_BY_THEM, ANSWER, DELETED_BY_THEM, DELETED_BY_YOU, FIELDS, PARENT, Merge

THEIRS, BEFORE, MINE, CHOICE = "__hun", "__was", "__mijn", "__keuze"
ROW = "-rij"
LIST_PREFIXES = {"subgroups": "subgroep", "subquestions": "deelvraag", "sections": "onderdeel", "actions": "actie"}

ROW_MESSAGES = {
    ADDED_BY_THEM: gettext_lazy("Toegevoegd door de ander nadat u de pagina opende."),
    DELETED_BY_THEM: gettext_lazy(
        "De ander heeft dit verwijderd, maar u had het gewijzigd: uw tekst staat er nog. "
        "Vink „Verwijderen” aan als het weg mag."
    ),
    DELETED_BY_YOU: gettext_lazy(
        "U had dit verwijderd, maar de ander heeft het intussen gewijzigd: hun tekst staat er weer. "
        "Vink opnieuw „Verwijderen” aan als het weg mag."
    ),
}


@dataclass(frozen=True)
class FieldNote:
    """What the other person saved in one field since you opened the page; `mine` only if you changed it too."""

    theirs: str
    before: str
    mine: str | None = None
    choice: str = ""

    @property
    def is_conflict(self) -> bool:
        return self.mine is not None


MergeNotes = dict[str, FieldNote]


@dataclass(frozen=True)
class RowNote:
    """Why a row is in the merged form although one of you deleted it, or who added it."""

    code: str

    @property
    def message(self) -> str:
        return str(ROW_MESSAGES[self.code])


def conflict_error() -> str:
    return _(
        "U en de ander hebben dit veld allebei gewijzigd. Kies welke tekst blijft: die van u, die van de ander, "
        "of uw bewerking in het veld."
    )


def _norm(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


def resolve_choices(data: Any) -> tuple[Any, list[str]]:
    """The data with each chosen text in its field, and the fields both changed that still need a choice.

    Typing in such a field counts as choosing "bewerkt".
    """
    resolved = data.copy()
    unresolved: list[str] = []
    for key in list(resolved.keys()):
        if not key.endswith(MINE):
            continue
        name = key.removesuffix(MINE)
        choice = resolved.get(name + CHOICE, "")
        if choice == "mijn":
            resolved[name] = resolved.get(key, "")
        elif choice == "hun":
            resolved[name] = resolved.get(name + THEIRS, "")
        elif choice != "bewerkt" and _norm(resolved.get(name, "")) == _norm(resolved.get(key, "")):
            unresolved.append(name)
    return resolved, unresolved


def notes_from(data: Any) -> MergeNotes:
    return {
        key.removesuffix(THEIRS): FieldNote(
            theirs=data.get(key, ""),
            before=data.get(key.removesuffix(THEIRS) + BEFORE, ""),
            mine=data.get(key.removesuffix(THEIRS) + MINE),
            choice=data.get(key.removesuffix(THEIRS) + CHOICE, ""),
        )
        for key in data
        if key.endswith(THEIRS)
    }


def row_notes_from(data: Any) -> dict[str, RowNote]:
    """Row notes by the row form's prefix ("deelvraag-2")."""
    found = {key.removesuffix(ROW): data[key] for key in data if key.endswith(ROW)}
    return {prefix: RowNote(code) for prefix, code in found.items() if code in ROW_MESSAGES}


def merge_form_data(merge: Merge, *, version: int) -> QueryDict:
    """The merge as the editor's POST data: rows in order, notes beside the fields."""
    data = QueryDict(mutable=True)
    data["version"] = str(version)
    names: dict[tuple[str, str, str], str] = {}
    for name in FIELDS:
        data[name] = merge.content["fields"][name]
        names[("fields", "", name)] = name
    columns = {row["key"]: index for index, row in enumerate(merge.content["subgroups"])}
    sections = {row["key"]: str(index) for index, row in enumerate(merge.content["sections"])}
    for list_name, prefix in LIST_PREFIXES.items():
        rows = merge.content[list_name]
        # No empty row: it would be sent back changed (a select shows its first option); "Nog een …" adds one.
        _management(data, prefix, initial=len(rows), total=len(rows))
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row["id"]
            data[f"{prefix}-{index}-ORDER"] = str(index + 1)
            if (list_name, row["key"]) in merge.rows:
                data[f"{prefix}-{index}{ROW}"] = merge.rows[(list_name, row["key"])]
            if list_name == "sections":  # the form points at a parent by its place in the list
                data[f"{prefix}-{index}-{PARENT}"] = sections.get(row.get(PARENT, ""), "")
            for column, value in row.items():
                field = _field_name(column, columns)
                if field:
                    data[f"{prefix}-{index}-{field}"] = value
                    names[(list_name, row["key"], column)] = f"{prefix}-{index}-{field}"
    earlier = merge.content["earlier"]
    _management(data, "eerder", initial=len(earlier), total=len(earlier))
    for index, (key, done) in enumerate(earlier.items()):
        data[f"eerder-{index}-id"], data[f"eerder-{index}-done"] = key, done
        names[("earlier", key, "done")] = f"eerder-{index}-done"
    for where, note in merge.fields.items():
        if where in names:  # an answer to a subgroup nobody kept has no field
            data[names[where] + THEIRS], data[names[where] + BEFORE] = note.theirs, note.base
            if note.conflict:
                data[names[where] + MINE] = note.mine
    return data


def _management(data: QueryDict, prefix: str, *, initial: int, total: int) -> None:
    data[f"{prefix}-TOTAL_FORMS"], data[f"{prefix}-INITIAL_FORMS"] = str(total), str(initial)
    data[f"{prefix}-MIN_NUM_FORMS"], data[f"{prefix}-MAX_NUM_FORMS"] = "0", "1000"


def _field_name(column: str, columns: dict[str, int]) -> str:
    """The form field of a content column: answers by the subgroup's place in the merged list."""
    if column in {"key", "id", PARENT}:
        return ""
    if column.startswith(ANSWER):
        index = columns.get(column.removeprefix(ANSWER))
        return f"answer_{index}" if index is not None else ""
    return column

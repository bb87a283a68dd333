"""Three-way merge of two people's edits of one verslag: nobody's text is lost (issue 9).

A verslag's content is plain data (built in sessions/services/versions.py):

    {"fields": {"central_question": "...", ...},
     "subgroups": [{"key": "12", "name": "..."}], "subquestions": [{"key": "7", "text": "...",
     "remarks": "...", "answer/12": "..."}], "sections": [{"key": "9", "heading": "...", "items": "...",
     "parent": "8"}], "actions": [...], "earlier": {"31": "1"}}

Rows are matched by key: the stored id, or "new-<n>" for a row typed in the form being saved.
Given the version the saver opened (base), what they send (mine) and what is stored now
(theirs), every field takes theirs where I left it alone, mine where they did, and is a
conflict only where both changed it differently: then the page asks which text stays. Where a
section lies (its parent's key) is no text: it follows the same rule, but mine wins, unasked. A row
one side deleted while the other changed it is kept with a note, so no text disappears
unseen. Without a base (a verslag saved before versions were kept) every difference is a
conflict: asking is better than guessing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Content = dict[str, Any]
Row = dict[str, str]

FIELDS = ("central_question", "introduction", "method", "parts", "grouping")
LISTS = ("subgroups", "subquestions", "sections", "actions")
ANSWER = "answer/"
PARENT = "parent"
NEW = "new-"

# Why a row is in the merge although one side would not have it.
ADDED_BY_THEM = "toegevoegd"
DELETED_BY_THEM = "door-ander-verwijderd"
DELETED_BY_YOU = "door-u-verwijderd"


@dataclass(frozen=True)
class FieldMerge:
    """A field the other person changed since the base: their text, and the base's.

    `conflict` when the saver changed it too (to something else); then `mine` is the saver's text.
    """

    base: str
    theirs: str
    mine: str = ""
    conflict: bool = False


@dataclass
class Merge:
    """The merged content (rows carry "id": the stored id, or "" for a row to create) and what to show:
    field notes by (list, row key, field) — ("fields", "", name) for the verslag's own fields, ("earlier",
    action id, "done") for an earlier action — and row notes by (list, row key)."""

    content: Content = field(default_factory=dict)
    fields: dict[tuple[str, str, str], FieldMerge] = field(default_factory=dict)
    rows: dict[tuple[str, str], str] = field(default_factory=dict)

    @property
    def conflict_count(self) -> int:
        return sum(1 for note in self.fields.values() if note.conflict)


def empty_content() -> Content:
    """What a verslag holds before anyone saved it: the base of two people creating it at once."""
    return {"fields": dict.fromkeys(FIELDS, ""), **{name: [] for name in LISTS}, "earlier": {}}


def _norm(value: str) -> str:
    # Browsers send \r\n from a textarea, the test client \n; forms strip the ends.
    return value.replace("\r\n", "\n").strip()


def _pick(merge: Merge, where: tuple[str, str, str], base: str | None, mine: str, theirs: str) -> str:
    if _norm(mine) == _norm(theirs):
        return mine
    if base is not None and _norm(mine) == _norm(base):
        merge.fields[where] = FieldMerge(base=base, theirs=theirs)
        return theirs
    if base is not None and _norm(theirs) == _norm(base):
        return mine
    merge.fields[where] = FieldMerge(base=base or "", theirs=theirs, mine=mine, conflict=True)
    return mine


def merge_versions(base: Content | None, mine: Content, theirs: Content) -> Merge:
    merge = Merge()
    base_fields = base["fields"] if base is not None else None
    merge.content["fields"] = {
        name: _pick(
            merge,
            ("fields", "", name),
            base_fields.get(name, "") if base_fields is not None else None,
            mine["fields"].get(name, ""),
            theirs["fields"].get(name, ""),
        )
        for name in FIELDS
    }
    for name in LISTS:
        changed = _changed_test(name, base, {"mine": mine, "theirs": theirs})
        merge.content[name] = _merge_rows(
            merge, name, base[name] if base is not None else None, mine[name], theirs[name], changed
        )
    merge.content["earlier"] = _merge_earlier(merge, base, mine, theirs)
    return merge


def _row_values(row: Row | None) -> dict[str, str]:
    return {k: _norm(v) for k, v in (row or {}).items() if k not in {"key", "id"} and _norm(v)}


def _column(content: Content, key: str) -> dict[str, str]:
    """A subgroup's answers, by deelvraag: deleting a subgroup deletes them, so they count as its text."""
    return {row["key"]: _norm(row.get(ANSWER + key, "")) for row in content["subquestions"]}


def _changed_test(name: str, base: Content | None, sides: dict[str, Content]) -> Callable[[str, str], bool]:
    def changed(key: str, side: str) -> bool:
        if base is None:
            return True
        before = next((row for row in base[name] if row["key"] == key), None)
        after = next((row for row in sides[side][name] if row["key"] == key), None)
        if _row_values(before) != _row_values(after):
            return True
        return name == "subgroups" and {k: v for k, v in _column(base, key).items() if v} != {
            k: v for k, v in _column(sides[side], key).items() if v
        }

    return changed


def _merge_rows(
    merge: Merge,
    name: str,
    base: list[Row] | None,
    mine: list[Row],
    theirs: list[Row],
    changed: Callable[[str, str], bool],
) -> list[Row]:
    by_base = None if base is None else {row["key"]: row for row in base}
    by_mine = {row["key"]: row for row in mine}
    by_theirs = {row["key"]: row for row in theirs}
    kept: dict[str, Row] = {}
    for key in {**(by_base or {}), **by_mine, **by_theirs}:
        # Unknown base: a stored row the saver still has was there when they opened the page.
        in_base = key in by_base if by_base is not None else key in by_mine and not key.startswith(NEW)
        if key in by_mine and key in by_theirs:
            before = by_base.get(key) if by_base is not None else None
            kept[key] = {**_merge_row(merge, name, key, before, by_mine[key], by_theirs[key]), "id": key}
        elif key in by_mine:
            if not in_base:
                kept[key] = {**by_mine[key], "id": ""}
            elif changed(key, "mine"):  # they deleted what you changed: yours stays, as a new row
                kept[key] = {**by_mine[key], "id": ""}
                merge.rows[(name, key)] = DELETED_BY_THEM
        elif key in by_theirs:
            if not in_base:
                kept[key] = {**by_theirs[key], "id": key}
                merge.rows[(name, key)] = ADDED_BY_THEM
            elif changed(key, "theirs"):  # you deleted what they changed: theirs stays until you delete it again
                kept[key] = {**by_theirs[key], "id": key}
                merge.rows[(name, key)] = DELETED_BY_YOU
    return [kept[key] for key in _order(by_base, mine, theirs) if key in kept]


def _merge_row(merge: Merge, name: str, key: str, base: Row | None, mine: Row, theirs: Row) -> Row:
    names = dict.fromkeys([*(base or {}), *mine, *theirs])
    row: Row = {"key": key}
    for column in names:
        if column in {"key", "id"}:
            continue
        before = base.get(column, "") if base is not None else None
        if column == PARENT:
            row[column] = theirs.get(column, "") if before == mine.get(column, "") else mine.get(column, "")
            continue
        row[column] = _pick(merge, (name, key, column), before, mine.get(column, ""), theirs.get(column, ""))
    return row


def _order(base: dict[str, Row] | None, mine: list[Row], theirs: list[Row]) -> list[str]:
    """Their order, with your new rows after it; your order if you moved rows (theirs new after it)."""
    mine_keys = [row["key"] for row in mine]
    their_keys = [row["key"] for row in theirs]
    reordered = base is not None and [k for k in mine_keys if k in base] != [k for k in base if k in mine_keys]
    first, then = (mine_keys, their_keys) if reordered else (their_keys, mine_keys)
    return list(dict.fromkeys([*first, *then]))


def _merge_earlier(merge: Merge, base: Content | None, mine: Content, theirs: Content) -> dict[str, str]:
    """The earlier sessions' actions open now, each 'afgerond' ("1") or not ("0") at this session."""
    merged: dict[str, str] = {}
    for key, their in theirs["earlier"].items():
        before = base["earlier"].get(key, their) if base is not None else None
        mine_value = mine["earlier"].get(key, their if before is None else before)
        merged[key] = _pick(merge, ("earlier", key, "done"), before, mine_value, their)
    return merged

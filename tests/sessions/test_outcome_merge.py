"""The three-way merge of two people's verslag text (sessions/services/merge.py), on plain content."""

from __future__ import annotations

import copy
from typing import Any

from sessions.services.merge import (
    ADDED_BY_THEM,
    DELETED_BY_YOU,
    FieldMerge,
    empty_content,
    merge_versions,
)


def _content(**changes: Any) -> dict[str, Any]:
    content = empty_content()
    content["fields"]["central_question"] = "Wat werkt?"
    content["subgroups"] = [{"key": "1", "name": "Wijkteamleden"}, {"key": "2", "name": "Vraagwijzers"}]
    content["subquestions"] = [{"key": "7", "text": "Waar loop je tegenaan?", "remarks": "", "answer/1": "caseload"}]
    content["sections"] = [
        {"key": "3", "heading": "Sterktes", "items": "korte lijnen"},
        {"key": "4", "heading": "Zwaktes", "items": ""},
    ]
    content["earlier"] = {"9": "0"}
    content.update(changes)
    return content


def test_each_side_keeps_the_fields_only_it_changed() -> None:
    base = _content()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["fields"]["grouping"] = "Naar functie."
    theirs["fields"]["central_question"] = "Wat werkt in de wijk?"

    merge = merge_versions(base, mine, theirs)

    assert merge.content["fields"]["grouping"] == "Naar functie."
    assert merge.content["fields"]["central_question"] == "Wat werkt in de wijk?"
    assert merge.fields == {
        ("fields", "", "central_question"): FieldMerge(base="Wat werkt?", theirs="Wat werkt in de wijk?")
    }
    assert merge.conflict_count == 0


def test_a_field_both_changed_differently_is_a_conflict_that_keeps_mine_for_now() -> None:
    base = _content()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["subquestions"][0]["answer/1"] = "caseload\nwachtlijsten"
    theirs["subquestions"][0]["answer/1"] = "hoge caseload"

    merge = merge_versions(base, mine, theirs)

    assert merge.content["subquestions"][0]["answer/1"] == "caseload\nwachtlijsten"
    assert merge.fields[("subquestions", "7", "answer/1")] == FieldMerge(
        base="caseload", theirs="hoge caseload", mine="caseload\nwachtlijsten", conflict=True
    )


def test_the_same_change_on_both_sides_and_line_endings_are_no_conflict() -> None:
    base = _content()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["fields"]["parts"] = "Terugblik\r\nUitwisselen"
    theirs["fields"]["parts"] = "Terugblik\nUitwisselen\n"

    assert merge_versions(base, mine, theirs).fields == {}


def test_their_new_row_is_kept_and_mine_follows_it() -> None:
    base = _content()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["sections"].append({"key": "new-2", "heading": "Kansen", "items": ""})
    theirs["sections"].append({"key": "5", "heading": "Bedreigingen", "items": ""})

    merge = merge_versions(base, mine, theirs)

    rows = [(row["heading"], row["id"]) for row in merge.content["sections"]]
    assert rows == [("Sterktes", "3"), ("Zwaktes", "4"), ("Bedreigingen", "5"), ("Kansen", "")]
    assert merge.rows == {("sections", "5"): ADDED_BY_THEM}


def test_a_row_i_moved_keeps_my_order() -> None:
    base = _content()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["sections"].reverse()
    theirs["sections"][0]["items"] = "korte lijnen\nveel kennis"

    merge = merge_versions(base, mine, theirs)

    assert [row["heading"] for row in merge.content["sections"]] == ["Zwaktes", "Sterktes"]
    assert merge.content["sections"][1]["items"] == "korte lijnen\nveel kennis"


def test_a_subgroup_i_deleted_stays_when_they_answered_in_its_column() -> None:
    base = _content()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del mine["subgroups"][1]
    theirs["subquestions"][0]["answer/2"] = "bureaucratie"

    merge = merge_versions(base, mine, theirs)

    assert [row["name"] for row in merge.content["subgroups"]] == ["Wijkteamleden", "Vraagwijzers"]
    assert merge.rows == {("subgroups", "2"): DELETED_BY_YOU}
    assert merge.content["subquestions"][0]["answer/2"] == "bureaucratie"


def test_an_untouched_row_the_other_deleted_goes() -> None:
    base = _content()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del theirs["sections"][1]

    merge = merge_versions(base, mine, theirs)

    assert [row["heading"] for row in merge.content["sections"]] == ["Sterktes"]
    assert merge.rows == {}


def test_an_earlier_action_settled_by_them_stays_settled() -> None:
    base = _content()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    theirs["earlier"] = {"9": "1"}

    assert merge_versions(base, mine, theirs).content["earlier"] == {"9": "1"}


def test_without_a_kept_base_every_difference_asks() -> None:
    mine, theirs = _content(), _content()
    theirs["fields"]["central_question"] = "Wat werkt in de wijk?"

    merge = merge_versions(None, mine, theirs)

    assert merge.fields[("fields", "", "central_question")].conflict
    assert merge.content["fields"]["central_question"] == "Wat werkt?"

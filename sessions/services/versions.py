"""A verslag's content as plain data, kept for every saved version (OutcomeVersion).

The stored version a person opened is the base of the three-way merge in merge.py when somebody
else saved in between. Called by sessions/services/outcomes.py inside its transactions; no
permission checks of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import User

from sessions.models import Action, Outcome, OutcomeVersion
from sessions.selectors import actions_earlier_open
from sessions.services.merge import ANSWER, FIELDS, NEW, PARENT, Content, empty_content

if TYPE_CHECKING:
    from sessions.services.outcomes import OutcomeInput


def outcome_content(outcome: Outcome) -> Content:
    """What is stored now: the verslag's fields, its rows and the earlier actions settled at its session."""
    session = outcome.session
    return {
        "fields": {name: getattr(outcome, name) for name in FIELDS},
        "subgroups": [{"key": str(group.pk), "name": group.name} for group in outcome.subgroups.all()],
        "subquestions": [
            {
                "key": str(question.pk),
                "text": question.text,
                "remarks": question.remarks,
                **{ANSWER + str(answer.subgroup_id): answer.text for answer in question.answers.all()},
            }
            for question in outcome.subquestions.prefetch_related("answers")
        ],
        "sections": [
            {
                "key": str(section.pk),
                "heading": section.heading,
                "items": section.items,
                PARENT: str(section.parent_id or ""),
            }
            for section in outcome.sections.all()
        ],
        "actions": [
            {
                "key": str(action.pk),
                "description": action.description,
                "owner_name": action.owner_name,
                "due_session": str(action.due_session_id or ""),
            }
            for action in Action.objects.filter(session=session)
        ],
        "earlier": {
            str(action.pk): "1" if action.status == Action.Status.DONE else "0"
            for action in actions_earlier_open(session=session)
        },
    }


def _key(pk: int | None, index: int) -> str:
    return str(pk) if pk else f"{NEW}{index}"


def input_content(data: OutcomeInput) -> Content:
    """What a person sends, in the same shape; rows typed in this form get keys "new-<n>"."""
    groups = [_key(item.id, index) for index, item in enumerate(data.subgroups)]
    return {
        "fields": {name: getattr(data, name) for name in FIELDS},
        "subgroups": [{"key": key, "name": item.name} for key, item in zip(groups, data.subgroups, strict=True)],
        "subquestions": [
            {
                "key": _key(item.id, index),
                "text": item.text,
                "remarks": item.remarks,
                **{ANSWER + groups[column]: text for column, text in item.answers.items() if column < len(groups)},
            }
            for index, item in enumerate(data.subquestions)
        ],
        "sections": [
            {
                "key": _key(item.id, index),
                "heading": item.heading,
                "items": item.items,
                PARENT: "" if item.parent is None else _key(data.sections[item.parent].id, item.parent),
            }
            for index, item in enumerate(data.sections)
        ],
        "actions": [
            {
                "key": _key(item.id, index),
                "description": item.description,
                "owner_name": item.owner_name,
                "due_session": str(item.due_session.pk if item.due_session else ""),
            }
            for index, item in enumerate(data.actions)
        ],
        "earlier": {str(pk): "1" if done else "0" for pk, done in data.earlier_actions_done.items()},
    }


def outcome_version_record(*, outcome: Outcome, user: User | None) -> None:
    """Keep what the verslag holds at its current version number."""
    OutcomeVersion.objects.update_or_create(
        outcome=outcome, version=outcome.version, defaults={"content": outcome_content(outcome), "saved_by": user}
    )


def outcome_version_content(*, outcome: Outcome, version: int) -> Content | None:
    """The content of a version someone opened; the empty verslag for 0; None when it was not kept."""
    if version == 0:
        return empty_content()
    stored = OutcomeVersion.objects.filter(outcome=outcome, version=version).first()
    return stored.content if stored is not None else None


def outcome_saved_by_since(*, outcome: Outcome, version: int) -> list[str]:
    """Who saved the verslag after `version`, by name, first saver first."""
    users = [
        row.saved_by
        for row in OutcomeVersion.objects.filter(outcome=outcome, version__gt=version).select_related("saved_by")
    ]
    if not users and outcome.updated_by is not None:
        users = [outcome.updated_by]
    names = [user.get_full_name() or user.get_username() for user in users if user is not None]
    return list(dict.fromkeys(names))

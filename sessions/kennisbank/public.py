"""What the public part of the kennisbank shows of one verslag: its content without any personal
data. Built as plain values, so the template cannot reach a name by following a relation: no
introduction (it names the people who lead the circle), no attendance, no guests, no action
owners, and facilitators only when their FacilitatorProfile says they agreed (`name_public`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User

from circles.models import FacilitatorProfile
from leerkring.core.names import people_sorted
from sessions.models import Action, Outcome


def named_in_public(facilitators: Iterable[User]) -> list[User]:
    """The facilitators who agreed to be named in public, by surname (profiles prefetched or not)."""
    agreed = []
    for user in facilitators:
        try:
            if user.facilitator_profile.name_public:
                agreed.append(user)
        except FacilitatorProfile.DoesNotExist:
            continue
    return people_sorted(agreed)


def public_facilitator_names(outcome: Outcome) -> list[str]:
    agreed = named_in_public(outcome.session.facilitators.select_related("facilitator_profile"))
    return [user.get_full_name() or user.get_username() for user in agreed]


def public_outcome_context(outcome: Outcome) -> dict[str, Any]:
    session, circle = outcome.session, outcome.session.circle
    results = [
        {
            "question": question.text,
            "answers": [(subgroup.name, points) for subgroup, points in answers],
            "remarks": question.remark_list(),
        }
        for question, answers in outcome.results()
    ]
    actions = [
        {"description": action.description, "status": action.get_status_display()}
        for action in Action.objects.filter(session=session).order_by("position", "pk")
    ]
    return {
        "circle": {"name": circle.name, "kind": circle.get_kind_display(), "goal": circle.goal},
        "blocks": [f"{block.number}. {block.name}" for block in circle.building_blocks.order_by("number")],
        "session": {"code": session.code, "number": session.number, "date": session.date, "theme": session.theme},
        "central_question": outcome.central_question,
        "method": outcome.method,
        "parts": outcome.part_list(),
        "results": results,
        "sections": [
            (section.heading, section.item_list(), [(sub.heading, sub.item_list()) for sub in subsections])
            for section, subsections in outcome.section_tree()
        ],
        "actions": actions,
        "established_note": outcome.established_note(),
        "facilitators": public_facilitator_names(outcome),
    }

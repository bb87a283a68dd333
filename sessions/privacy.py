"""Personal data in sessions' rows: walk-in guests' names and action owners' names, also inside the
kept versions of a verslag (which only serve merging two people's edits, so they are deleted).

Registered with leerkring/core/privacy.py in apps.py; the retention task wipes them with the sign-ups.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from leerkring.core.names import sort_text
from leerkring.core.privacy import Mention, Person
from sessions.evaluation.models import EvaluationResponse
from sessions.models import Action, Answer, Attendance, Outcome, OutcomeVersion, PolicySignal, Section, SubQuestion


def guests_anonymise(circles: QuerySet[Any], placeholder: str) -> int:
    guests = Attendance.objects.filter(session__circle__in=circles, registration__isnull=True)
    return guests.exclude(guest_name=placeholder).update(guest_name=placeholder)


def action_owners_anonymise(circles: QuerySet[Any], placeholder: str) -> int:
    return (
        Action.objects.filter(circle__in=circles)
        .exclude(owner_name=placeholder)
        .update(owner_name=placeholder, owner_sort=sort_text(placeholder))
    )


def outcome_versions_delete(circles: QuerySet[Any], placeholder: str) -> int:
    deleted, _by_model = OutcomeVersion.objects.filter(outcome__session__circle__in=circles).delete()
    return deleted


# A person's AVG rights (leerkring/core/privacy.py) ------------------------------------------------


def attendance_rows(person: Person) -> QuerySet[Attendance]:
    """Their attendance as a participant, and walk-in guest rows carrying one of their names."""
    as_guest = Q(registration__isnull=True, guest_name__in=_name_variants(person))
    return (
        Attendance.objects.filter(Q(registration__email__iexact=person.email) | as_guest)
        .select_related("session__circle")
        .order_by("session__date", "pk")
    )


def attendance_erase(rows: QuerySet[Attendance], placeholder: str) -> int:
    """A participant's present/absent stays with their wiped sign-up (the counts); a guest loses the name."""
    return rows.filter(registration__isnull=True).update(guest_name=placeholder, updated_at=timezone.now())


def action_rows(person: Person) -> QuerySet[Action]:
    return Action.objects.filter(owner_name__in=_name_variants(person)).select_related("circle").order_by("pk")


def action_erase(rows: QuerySet[Action], placeholder: str) -> int:
    return rows.update(owner_name=placeholder, owner_sort=sort_text(placeholder), updated_at=timezone.now())


def outcome_version_rows(person: Person) -> QuerySet[OutcomeVersion]:
    if not person.names:
        return OutcomeVersion.objects.none()
    named = Q()
    for name in person.names:
        named |= Q(content__icontains=name)
    return OutcomeVersion.objects.filter(named).order_by("pk")


def outcome_versions_erase(rows: QuerySet[OutcomeVersion], placeholder: str) -> int:
    """Earlier versions only serve merging two people's edits: deleted, not rewritten."""
    deleted, _by_model = rows.delete()
    return deleted


def evaluation_rows(person: Person) -> QuerySet[EvaluationResponse]:
    return EvaluationResponse.objects.filter(registration__email__iexact=person.email).order_by("invited_at")


def _name_variants(person: Person) -> list[str]:
    """Names as typed by a facilitator: any case."""
    return [variant for name in person.names for variant in {name, name.lower(), name.title(), name.upper()}]


# Free text of verslagen: where a name may stand, per model, and the session it belongs to.
FREE_TEXT = [
    (Outcome, ("central_question", "introduction", "method", "parts", "grouping"), "session"),
    (SubQuestion, ("text", "remarks"), "outcome__session"),
    (Answer, ("text",), "subquestion__outcome__session"),
    (Section, ("heading", "items"), "outcome__session"),
    (Action, ("description",), "session"),
    (PolicySignal, ("text", "note", "reply"), "outcome__session"),
]


def verslag_mentions(person: Person) -> list[Mention]:
    """Every free-text field of a verslag that names the person, for a human to edit."""
    if not person.names:
        return []
    mentions = []
    for model, fields, session_path in FREE_TEXT:
        named = Q()
        for name in person.names:
            for field in fields:
                named |= Q(**{f"{field}__icontains": name})
        for row in model._default_manager.filter(named).select_related(f"{session_path}__circle"):
            session = _follow(row, session_path)
            for field in fields:
                text = str(getattr(row, field))
                if any(name.lower() in text.lower() for name in person.names):
                    label = getattr(model._meta.get_field(field), "verbose_name", field)
                    where = f"{session} · {model._meta.verbose_name} · {label}"
                    url = reverse("sessions:outcome", args=[session.code])
                    mentions.append(Mention(where=where, text=text, url=url))
    return mentions


def _follow(row: Any, path: str) -> Any:
    for step in path.split("__"):
        row = getattr(row, step)
    return row

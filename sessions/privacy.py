"""Personal data in sessions' rows: walk-in guests' names and action owners' names, also inside the
kept versions of a verslag (which only serve merging two people's edits, so they are deleted).

Registered with leerkring/core/privacy.py in apps.py; the retention task wipes them with the sign-ups.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sessions.models import Action, Attendance, OutcomeVersion


def guests_anonymise(circles: QuerySet[Any], placeholder: str) -> int:
    guests = Attendance.objects.filter(session__circle__in=circles, registration__isnull=True)
    return guests.exclude(guest_name=placeholder).update(guest_name=placeholder)


def action_owners_anonymise(circles: QuerySet[Any], placeholder: str) -> int:
    return Action.objects.filter(circle__in=circles).exclude(owner_name=placeholder).update(owner_name=placeholder)


def outcome_versions_delete(circles: QuerySet[Any], placeholder: str) -> int:
    deleted, _by_model = OutcomeVersion.objects.filter(outcome__session__circle__in=circles).delete()
    return deleted

"""Signals for policy: mark an item of a verslag for the municipality, then follow it until answered.

Permissions: views ask sessions.access first; these services check again with access.require.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from sessions import access
from sessions.models import Outcome, PolicySignal


@dataclass(frozen=True)
class SignalItem:
    """One item of a verslag that can be signalled: a point of an answer, or a point of a free section."""

    key: str
    source: str
    text: str


def signal_items(*, outcome: Outcome) -> list[SignalItem]:
    """Every answer point (per deelvraag and subgroup) and every section item, in the verslag's order.

    Keys are positions, not row ids: saving a verslag rewrites its answer rows.
    """
    items: list[SignalItem] = []
    for number, (question, answers) in enumerate(outcome.results(), start=1):
        for subgroup, points in answers:
            source = _("Deelvraag %(number)d · %(subgroup)s") % {"number": number, "subgroup": subgroup.name}
            items += [SignalItem(f"a-{question.pk}-{subgroup.pk}-{i}", source, point) for i, point in enumerate(points)]
    for top, subsections in outcome.section_tree():
        for section in [top, *subsections]:
            source = section.heading if section is top else f"{top.heading} · {section.heading}"
            items += [SignalItem(f"s-{section.pk}-{i}", source, point) for i, point in enumerate(section.item_list())]
    return items


def signal_mark(*, outcome: Outcome, user: User, item: SignalItem, note: str) -> PolicySignal:
    access.require(access.may_mark_signals(user, outcome.session))
    return PolicySignal.objects.create(
        outcome=outcome, source=item.source, text=item.text, note=note.strip(), created_by=user, updated_by=user
    )


def signal_update(*, signal: PolicySignal, user: User, status: str, reply: str) -> PolicySignal:
    """Record where a signal stands and what the municipality answered."""
    access.require(access.may_follow_signals(user))
    signal.status = status
    signal.reply = reply.strip()
    signal.updated_by = user
    signal.save(update_fields=["status", "reply", "updated_by", "updated_at"])
    return signal

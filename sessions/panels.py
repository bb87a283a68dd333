"""What sessions shows on pages of lower apps (see leerkring/core/panels.py); registered in apps.py."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from buildingblocks.models import BuildingBlock
from circles.models import Circle
from leerkring.core import roles
from leerkring.core.panels import Panel
from sessions.access import outcome_rights
from sessions.charts import attendance_chart_svg
from sessions.selectors import (
    attendance_sentence,
    attendance_table,
    building_block_matrix,
    learning_questions,
    sessions_with_figures,
)


def circle_outcomes_panel(user: User | AnonymousUser, circle: Circle) -> Panel:
    """On the circle page: per session attendance and verslag status, and the attendance chart.

    A fixed number of queries; who may read or edit each verslag is decided once for the page.
    """
    rights = outcome_rights(user, circle)
    table = attendance_table(sessions_with_figures(circle=circle))
    rows = [
        {
            "session": session,
            "total": sum(counts.values()),
            "sentence": attendance_sentence(counts),
            "outcome": getattr(session, "outcome", None),
            "readable": rights.may_read(session),
            "editable": rights.may_edit(session),
        }
        for session, counts in table
    ]
    has_figures = any(row["total"] for row in rows)
    context = {"rows": rows, "chart": attendance_chart_svg(table) if has_figures else ""}
    return Panel("sessions/_outcome_circle_table.html", context, slot="main", order=20)


def building_block_matrix_panel(user: User | AnonymousUser, blocks: list[BuildingBlock]) -> Panel | None:
    """On the bouwstenen page, for those who see the overview of circles: bouwstenen × period."""
    if not (roles.sees_all_circles(user) or roles.is_begeleider(user)):
        return None
    context = {"matrix": building_block_matrix(user, blocks)}
    return Panel("sessions/_building_block_matrix.html", context, slot="list", order=10)


def circle_questions_panel(user: User | AnonymousUser, circle: Circle) -> Panel | None:
    """On the circle page: the centrale vraag and deelvragen of each session, first to last, with
    what was established; only of the verslagen the user may read. A fixed number of queries."""
    thread = learning_questions(user, circle)
    if not thread:
        return None
    return Panel("sessions/_learning_questions.html", {"thread": thread}, slot="main", order=25)

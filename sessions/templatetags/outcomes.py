"""Attendance and verslag status where other pages show sessions (circle page, "Mijn bijeenkomsten")."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser, User

from circles.models import Circle, Session
from sessions import access
from sessions.charts import attendance_chart_svg
from sessions.selectors import attendance_by_function, attendance_sentence, sessions_with_figures

register = template.Library()


@register.inclusion_tag("sessions/_outcome_circle_table.html", takes_context=True)
def circle_outcomes(context: template.Context, circle: Circle) -> dict[str, Any]:
    """Per session: attendance and verslag status, and the attendance chart; a fixed number of queries."""
    user = context["request"].user
    sessions = list(sessions_with_figures(circle=circle))
    table = [(session, attendance_by_function(session)) for session in sessions]
    rows = [
        {
            "session": session,
            "total": sum(counts.values()),
            "sentence": attendance_sentence(counts),
            "outcome": getattr(session, "outcome", None),
            "readable": access.may_read_outcome(user, session),
            "editable": access.may_edit_outcome(user, session),
        }
        for session, counts in table
    ]
    has_figures = any(row["total"] for row in rows)
    return {"rows": rows, "chart": attendance_chart_svg(table) if has_figures else "", "circle": circle}


@register.inclusion_tag("sessions/_mine_row_actions.html", takes_context=True)
def mine_row_actions(context: template.Context, session: Session) -> dict[str, Any]:
    """Verslag status and buttons of one row; reads `session.outcome` as selected with the list."""
    user = context["request"].user
    outcome = getattr(session, "outcome", None)
    may_edit = access.may_edit_outcome(user, session)
    return {
        "session": session,
        "outcome": outcome,
        "may_edit": may_edit,
        "editable": may_edit and (outcome is None or not outcome.is_established),
        "readable": access.may_read_outcome(user, session),
    }


@register.filter
def outcome_readable_by(session: Session, user: User | AnonymousUser) -> bool:
    return access.may_read_outcome(user, session)

"""The publishing rules on the circle page: a warning line on a session card."""

from __future__ import annotations

from django import template

from circles.models import Session
from circles.services.planning import session_rule_summary

register = template.Library()


@register.filter
def rule_summary(session: Session) -> str:
    """ "duurt 2 uur en heeft 1 begeleider", or "" when the session meets every rule."""
    return session_rule_summary(session)

"""The sign-ups block on the staff circle page."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Q

from circles.access import participant_fields_visible_to
from circles.models import Circle, Registration
from circles.selectors import circle_participants_visible_to

register = template.Library()
R = Registration.Status


@register.inclusion_tag("circles/_detail_signups_block.html", takes_context=True)
def circle_signups(context: template.Context, circle: Circle) -> dict[str, Any]:
    """Counts and a link for those who read every sign-up; for a facilitator who takes part.

    The page itself has checked that the user may see the circle.
    """
    user = context["request"].user
    counts = circle.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=R.CONFIRMED)),
        waitlist=Count("pk", filter=Q(status=R.WAITLIST)),
    )
    sees_all = participant_fields_visible_to(user) is None
    participants = [] if sees_all else circle_participants_visible_to(user, circle)
    return {"circle": circle, "counts": counts, "sees_all": sees_all, "participants": participants}

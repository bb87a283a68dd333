"""The sign-ups block on the staff circle page."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Q

from circles import roles
from circles.models import Circle, Registration

register = template.Library()
R = Registration.Status


@register.inclusion_tag("circles/_detail_signups_block.html", takes_context=True)
def circle_signups(context: template.Context, circle: Circle) -> dict[str, Any]:
    """Counts and a link for project leaders and staff; for a facilitator only who takes part.

    The page itself has checked that the user may see the circle.
    """
    user = context["request"].user
    counts = circle.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=R.CONFIRMED)),
        waitlist=Count("pk", filter=Q(status=R.WAITLIST)),
    )
    sees_all = roles.sees_all_circles(user)
    participants = []
    if not sees_all and roles.is_begeleider(user):
        participants = list(
            circle.registrations.filter(status=R.CONFIRMED)
            .only("first_name", "last_name", "organisation", "team", "function")
            .order_by("last_name", "first_name")
        )
    return {"circle": circle, "counts": counts, "sees_all": sees_all, "participants": participants}

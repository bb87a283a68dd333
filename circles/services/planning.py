"""Planning a circle: its status lifecycle. The rules for publishing live in circles/rules.py.

Services trust their caller: the view has asked circles.access whether the user may change the
circle. What a service refuses for the circle's own sake (a transition the status table does not
allow, rules not met) it raises as StatusChangeRefused with messages to show.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from circles import rules
from circles.models import Circle, CircleStatusChange, Session
from circles.services.facilitators import facilitators_notify_circle
from circles.services.registrations import circle_fill_free_places


class StatusChangeRefused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


class NotReadyToPublish(StatusChangeRefused):
    """Publishing refused because rules of the checklist are not met (`problems`)."""


def circle_change_status(*, circle: Circle, to_status: str, by: User) -> CircleStatusChange:
    """Move the circle to `to_status`, recorded with who and when; refused with the reasons why."""
    with transaction.atomic():
        locked = Circle.objects.select_for_update().get(pk=circle.pk)
        if to_status not in locked.next_statuses:
            raise StatusChangeRefused(
                [
                    _("Een leerkring met de status „%(from)s” kan niet naar „%(to)s”.")
                    % {"from": locked.get_status_display(), "to": Circle.status_label(to_status)}
                ]
            )
        if to_status == Circle.Status.PUBLISHED:
            fresh = Circle.objects.prefetch_related("building_blocks", "sessions__facilitators").get(pk=circle.pk)
            problems = rules.circle_problems(fresh)
            if problems:
                raise NotReadyToPublish([problem.message for problem in problems])
        change = CircleStatusChange.objects.create(
            circle=locked, from_status=locked.status, to_status=to_status, changed_by=by
        )
        was_announced = locked.is_announced
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
        if to_status == Circle.Status.PUBLISHED and not was_announced:
            facilitators_notify_circle(circle=locked)
        elif to_status == Circle.Status.CANCELLED and was_announced:
            facilitators_notify_circle(circle=locked, cancelled=True)
        # A concept promotes nobody: places freed while planning go to the waiting list now.
        circle_fill_free_places(circle=locked)
    circle.status = to_status
    return change


def circle_copy(*, circle: Circle, name: str, start_date: datetime.date, by: User) -> Circle:
    """A concept for a new period: the circle's data and sessions shifted to start on `start_date`.

    Sign-ups, verslagen and the status history stay with the original; `by` leads the copy.
    """
    shift = start_date - circle.start_date
    with transaction.atomic():
        copy = Circle.objects.create(
            name=name,
            kind=circle.kind,
            description=circle.description,
            goal=circle.goal,
            audience=list(circle.audience),
            team=circle.team,
            teams=list(circle.teams),
            start_date=start_date,
            end_date=circle.end_date + shift,
            capacity=circle.capacity,
            location=circle.location,
            project_leader=by,
        )
        copy.building_blocks.set(circle.building_blocks.all())
        for session in circle.sessions.prefetch_related("facilitators", "building_blocks").order_by("date", "pk"):
            moved = Session.objects.create(
                circle=copy,
                number=session.number,
                date=session.date + shift,
                start_time=session.start_time,
                end_time=session.end_time,
                location=session.location,
                theme=session.theme,
            )
            moved.facilitators.set(session.facilitators.all())
            moved.building_blocks.set(session.building_blocks.all())
    return copy

"""Queries behind the overview of circles, the bouwstenen coverage and the participant list."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from buildingblocks.models import BuildingBlock
from circles.access import circles_visible_to, participant_fields_visible_to
from circles.models import Circle, Registration
from sessions.models import Session


def _count_of(queryset: QuerySet) -> Coalesce:
    counted = queryset.order_by().values("circle_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def circles_overview(user: User | AnonymousUser, *, today: datetime.date) -> QuerySet[Circle]:
    """Visible circles with sessions planned, confirmed sign-ups and the next session date.

    Subqueries, not joins: filters on sessions or bouwstenen cannot skew the counts, and the
    number of queries does not grow with the number of rows.
    """
    circle = OuterRef("pk")
    upcoming = Session.objects.filter(circle=circle, date__gte=today).order_by("date", "start_time")
    return (
        circles_visible_to(user)
        .select_related("project_leader")
        .annotate(
            session_count=_count_of(Session.objects.filter(circle=circle)),
            confirmed_count=_count_of(Registration.objects.filter(circle=circle, status=Registration.Status.CONFIRMED)),
            next_session_date=Subquery(upcoming.values("date")[:1]),
        )
        .order_by("-start_date", "name", "pk")
    )


def circle_participants_visible_to(user: User | AnonymousUser, circle: Circle) -> list[Registration]:
    """The confirmed participants by name, loaded with only the fields the user may read.

    One query. Not through `circle.registrations`: that would read the deferred circle_id
    of every row to link it back to the circle.
    """
    fields = participant_fields_visible_to(user)
    if fields == ():
        return []
    participants = Registration.objects.filter(circle=circle, status=Registration.Status.CONFIRMED)
    if fields is not None:
        participants = participants.only(*fields)
    return list(participants.order_by("last_name", "first_name", "pk"))


def circles_working_on(circles: QuerySet[Circle], block: BuildingBlock) -> QuerySet[Circle]:
    """The circles that work on a bouwsteen: the circle names it, or one of its sessions does.

    Subqueries, not joins, so a circle appears once and annotated counts stay right.
    """
    in_sessions = Session.objects.filter(building_blocks=block).values("circle_id")
    return circles.filter(Q(pk__in=block.circles.values("pk")) | Q(pk__in=in_sessions))


def building_block_coverage(user: User | AnonymousUser) -> list[tuple[BuildingBlock, list[Circle]]]:
    """Each bouwsteen with the circles (visible to the user, not cancelled) that work on it.

    One query per bouwsteen (there are eight), however many circles there are.
    """
    visible = circles_visible_to(user).exclude(status=Circle.Status.CANCELLED).order_by("start_date", "name", "pk")
    return [(block, list(circles_working_on(visible, block))) for block in BuildingBlock.objects.all()]

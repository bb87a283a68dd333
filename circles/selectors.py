"""Queries behind the overview of circles and the bouwstenen coverage."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
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


def building_block_coverage(user: User | AnonymousUser) -> list[tuple[BuildingBlock, list[Circle]]]:
    """Each bouwsteen with the circles (visible to the user, not cancelled) that work on it.

    A circle works on a bouwsteen when it names it or one of its sessions does. Three queries.
    """
    visible = circles_visible_to(user).exclude(status=Circle.Status.CANCELLED)
    circles = {circle.pk: circle for circle in visible.order_by("start_date", "name")}
    pairs = set(
        Circle.building_blocks.through.objects.filter(circle_id__in=circles).values_list(
            "buildingblock_id", "circle_id"
        )
    )
    pairs |= set(
        Session.building_blocks.through.objects.filter(session__circle_id__in=circles).values_list(
            "buildingblock_id", "session__circle_id"
        )
    )
    by_block: dict[int, list[Circle]] = defaultdict(list)
    for block_id, circle_id in pairs:
        by_block[block_id].append(circles[circle_id])
    return [
        (block, sorted(by_block[block.pk], key=lambda c: (c.start_date, c.name)))
        for block in BuildingBlock.objects.all()
    ]

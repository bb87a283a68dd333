"""Queries behind the overview of circles, the bouwstenen coverage and matrix, and the participant list."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypedDict

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear

from buildingblocks.models import BuildingBlock
from circles.access import circles_visible_to, participant_fields_visible_to
from circles.models import Circle, Registration, Session
from leerkring.core import figures as cached_figures
from leerkring.core import outbox
from leerkring.core.models import OutgoingMail
from leerkring.core.names import people_sorted

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class PublicCounts(TypedDict):
        confirmed_count: int
        waitlist_count: int

    PublicCircle: TypeAlias = WithAnnotations[Circle, PublicCounts]


def public_circles(*, open_for_signup: bool = False) -> QuerySet[PublicCircle]:
    """Announced circles (or only those open for sign-up) with their places left, bouwstenen and
    sessions, in a fixed number of queries."""
    sessions = Session.objects.order_by("date", "start_time", "pk")
    status = Registration.Status
    circle = OuterRef("pk")
    circles = (
        Circle.objects.open_for_signup()
        if open_for_signup
        else Circle.objects.filter(status__in=Circle.ANNOUNCED_STATUSES)
    )
    # Correlated subqueries, not a join with GROUP BY: the database counts sign-ups only for the
    # rows it returns (a page of the catalogue), however many circles are open. The places left
    # follow from the two counts in Python (Circle.places_left): as SQL they repeat both subqueries.
    return (
        circles.annotate(
            confirmed_count=_count_of(Registration.objects.filter(circle=circle, status=status.CONFIRMED)),
            waitlist_count=_count_of(Registration.objects.filter(circle=circle, status=status.WAITLIST)),
        )
        .prefetch_related("building_blocks", Prefetch("sessions", queryset=sessions))
        .order_by("start_date", "name", "pk")
    )


def session_facilitators(circle: Circle) -> QuerySet[User]:
    """Who facilitates any of the circle's sessions, each once (one query, no prefetch per session)."""
    return User.objects.filter(facilitated_sessions__circle=circle).distinct()


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
    return people_sorted(participants.order_by("pk"))


def _works_on(block: BuildingBlock | int, field: str = "pk") -> Q:
    """Rows whose circle (`field` names its id) works on the bouwsteen; see circles_working_on."""
    in_sessions = Session.objects.filter(building_blocks=block).values("circle_id")
    named = Circle.building_blocks.through.objects.filter(buildingblock=block).values("circle_id")
    return Q(**{f"{field}__in": named}) | Q(**{f"{field}__in": in_sessions})


def circles_working_on(circles: QuerySet[Circle], block: BuildingBlock) -> QuerySet[Circle]:
    """The circles that work on a bouwsteen: the circle names it, or one of its sessions does.

    Subqueries, not joins, so a circle appears once and annotated counts stay right.
    """
    return circles.filter(_works_on(block))


COVERAGE_SHOWN = 5
# bouwsteen pk → (circles working on it, most recent circle pks)
CoverageFigures = dict[int, tuple[int, list[int]]]


@dataclass(frozen=True)
class BlockCoverage:
    """A bouwsteen with how many circles work on it and the most recent few of them."""

    block: BuildingBlock
    count: int
    recent: list[Circle]

    @property
    def more(self) -> int:
        return self.count - len(self.recent)


def building_block_coverage(
    user: User | AnonymousUser, blocks: Iterable[BuildingBlock] | None = None
) -> list[BlockCoverage]:
    """Each bouwsteen (all, or those given) with the number of circles (visible to the user, not
    cancelled) that work on it and the most recent `COVERAGE_SHOWN`; the rest through the overview.

    The figures come from the cache, counted again by the worker after a change
    (leerkring/core/figures.py); a view then costs one query for the shown circles, so the page has
    the same size and cost however many circles there are. Counting costs one query for all counts
    and one per bouwsteen.
    """
    blocks = list(BuildingBlock.objects.all() if blocks is None else blocks)
    if not blocks:
        return []
    if cached_figures.scope_of(user) is None:
        return [BlockCoverage(block=block, count=0, recent=[]) for block in blocks]
    figures: CoverageFigures = cached_figures.get("dekking", user)
    shown = {pk for block in blocks for pk in figures.get(block.pk, (0, []))[1]}
    # Among the circles the user sees now: one counted a moment ago may since have been cancelled.
    circles = _not_cancelled(user).in_bulk(shown) if shown else {}
    result = []
    for block in blocks:
        count, recent = figures.get(block.pk, (0, []))
        result.append(BlockCoverage(block=block, count=count, recent=[circles[pk] for pk in recent if pk in circles]))
    return result


def _not_cancelled(user: User | AnonymousUser) -> QuerySet[Circle]:
    return circles_visible_to(user).exclude(status=Circle.Status.CANCELLED)


def coverage_count(user: User | AnonymousUser, _asked: None = None) -> CoverageFigures:
    """Per bouwsteen: the number of circles the user sees (not cancelled) working on it and the
    most recent few (pks); what building_block_coverage keeps."""
    visible = _not_cancelled(user)
    blocks = list(BuildingBlock.objects.values_list("pk", flat=True))
    if not blocks:
        return {}
    counts = visible.aggregate(**{f"block_{pk}": Count("pk", filter=_works_on(pk)) for pk in blocks})
    recent = visible.order_by("-start_date", "name", "pk")
    return {
        pk: (counts[f"block_{pk}"], list(recent.filter(_works_on(pk)).values_list("pk", flat=True)[:COVERAGE_SHOWN]))
        for pk in blocks
    }


MATRIX_YEARS = 5
# (bouwsteen pk, year) → count
YearFigures = dict[tuple[int, int], int]


@dataclass(frozen=True)
class BlockYearFigures:
    """Per bouwsteen and period (the year a circle starts, as in the programme folder): how many
    circles (not cancelled) work on it, their sessions and their confirmed participants."""

    years: list[int]
    circles: YearFigures
    sessions: YearFigures
    participants: YearFigures


def building_block_year_figures(user: User | AnonymousUser, blocks: Iterable[BuildingBlock]) -> BlockYearFigures:
    """The figures of the last `MATRIX_YEARS` years that have circles the user sees, oldest first.

    Six queries whatever the number of circles: the years; each circle's year; the bouwstenen each
    circle works on (named by the circle or by one of its sessions); and its sessions and confirmed
    sign-ups counted per circle. The per-circle rows are summed per bouwsteen and year here: one
    pass over the sign-ups instead of one conditional count per bouwsteen for each of them (at
    5,000 circles and 125,000 sign-ups 4× faster; the page caches the result).
    """
    pks = [block.pk for block in blocks]
    visible = Circle.objects.filter(pk__in=circles_visible_to(user).values("pk")).exclude(
        status=Circle.Status.CANCELLED
    )
    started = visible.annotate(year=ExtractYear("start_date")).values_list("year", flat=True)
    years = sorted(started.order_by("-year").distinct()[:MATRIX_YEARS])
    if not pks or not years:
        return BlockYearFigures(years=years, circles={}, sessions={}, participants={})
    circles = visible.filter(start_date__year__in=years)
    year_of = dict(circles.annotate(year=ExtractYear("start_date")).values_list("pk", "year"))
    works_on: set[tuple[int, int]] = set(
        Circle.building_blocks.through.objects.filter(circle__in=circles, buildingblock__in=pks).values_list(
            "circle_id", "buildingblock_id"
        )
    )
    works_on.update(
        Session.building_blocks.through.objects.filter(session__circle__in=circles, buildingblock__in=pks)
        .values_list("session__circle_id", "buildingblock_id")
        .distinct()
    )
    sessions = Session.objects.filter(circle__in=circles)
    confirmed = Registration.objects.filter(circle__in=circles, status=Registration.Status.CONFIRMED)
    per_circle = {
        "circles": dict.fromkeys(year_of, 1),
        "sessions": _per_circle(sessions),
        "participants": _per_circle(confirmed),
    }
    figures: dict[str, YearFigures] = {
        name: dict.fromkeys(((pk, year) for pk in pks for year in years), 0) for name in per_circle
    }
    for circle_pk, block_pk in works_on:
        key = (block_pk, year_of[circle_pk])
        for name, counts in per_circle.items():
            figures[name][key] += counts.get(circle_pk, 0)
    return BlockYearFigures(years=years, **figures)


def _per_circle(rows: QuerySet[Any]) -> dict[int, int]:
    return dict(rows.values("circle_id").annotate(count=Count("pk")).values_list("circle_id", "count").order_by())


def circle_signups_block(user: User | AnonymousUser, circle: Circle) -> dict[str, Any]:
    """The sign-ups block of the circle page: counts, and who may read what, decided once.

    Those who read every sign-up get the counts and a link to the sign-ups page; a facilitator
    the confirmed participants with the fields the privacy page promises. The view has checked
    that the user sees the circle.
    """
    counts = Registration.objects.filter(circle=circle).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waitlist=Count("pk", filter=Q(status=Registration.Status.WAITLIST)),
    )
    sees_all = participant_fields_visible_to(user) is None
    participants = [] if sees_all else circle_participants_visible_to(user, circle)
    return {"counts": counts, "sees_all": sees_all, "participants": participants}


@dataclass(frozen=True)
class MailFailure:
    """An e-mail to a participant that was not delivered, as the sign-ups page shows it."""

    mail: str  # which mail, e.g. "bevestiging van de aanmelding"
    reason: str
    detail: str  # the mail server's own words
    at: datetime.datetime


def registration_mail_failures(registrations: Iterable[Registration]) -> dict[int, list[MailFailure]]:
    """The undelivered mails about these sign-ups, by sign-up, newest first. One query, however many."""
    pks = [registration.pk for registration in registrations]
    failed = OutgoingMail.objects.filter(
        about_label=outbox.about_label(Registration()), about_id__in=pks, status=OutgoingMail.Status.FAILED
    ).order_by("-updated_at", "-pk")
    found: dict[int, list[MailFailure]] = {}
    for mail in failed.only("name", "failure", "error", "updated_at", "about_id"):
        found.setdefault(mail.about_id, []).append(
            MailFailure(outbox.kind_label(mail.name), mail.get_failure_display(), mail.error, mail.updated_at)
        )
    return found

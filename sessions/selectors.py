"""Queries for sessions' pages: attendance figures per function group (circle page, verslag, reports),
actions and verslagen to settle at a session, a facilitator's own sessions, the bouwstenen × period
matrix, and the stored data that breaks the PAR cycle's dates (for `manage.py check_par_dates`)."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Case, Count, F, Max, Q, QuerySet, When, prefetch_related_objects
from django.db.models.expressions import OrderBy
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buildingblocks.models import BuildingBlock
from circles.filters import NOT_CANCELLED
from circles.models import Circle, Function, Registration, Session, function_count_label
from circles.selectors import BlockYearFigures, building_block_year_figures
from leerkring.core import figures as cached_figures
from leerkring.core import roles
from leerkring.core.links import code_link
from leerkring.core.names import bytewise, people_sorted
from sessions.access import outcome_rights, outcomes_readable_by
from sessions.kennisbank.selectors import Filters, established_per_block_and_year
from sessions.models import Action, Attendance, AttendanceCount, Outcome


def attendance_figures(sessions: Iterable[Session]) -> dict[int, dict[str, int]]:
    """Counts per function group for each session (by primary key), in Function order, zero groups
    left out; counted by the database in two queries at any number of sessions and sign-ups.

    Entered counts (AttendanceCount rows) win: they exist only when nobody took individual
    attendance. Otherwise present participants (by their sign-up's function) and guests (by theirs)
    are counted, anyone without a function as "anders".
    """
    ids = [session.pk for session in sessions]
    entered: dict[int, Counter[str]] = defaultdict(Counter)
    rows = AttendanceCount.objects.filter(session_id__in=ids, count__gt=0)
    for session_id, function, count in rows.values_list("session_id", "function", "count"):
        entered[session_id][function] += count
    group = Case(When(registration__isnull=False, then=F("registration__function")), default=F("guest_function"))
    present = (
        Attendance.objects.filter(session_id__in=ids, present=True)
        .exclude(session_id__in=list(entered))
        .annotate(group=group)
        .values_list("session_id", "group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counted: dict[int, Counter[str]] = defaultdict(Counter)
    for session_id, of_group, n in present:
        counted[session_id][of_group or Function.ANDERS] += n
    return {pk: _in_function_order(entered.get(pk) or counted.get(pk) or Counter()) for pk in ids}


def _in_function_order(counts: Counter[str]) -> dict[str, int]:
    return {function.value: counts[function.value] for function in Function if counts[function.value]}


def attendance_by_function(session: Session) -> dict[str, int]:
    """One session's counts per function group (see attendance_figures); two queries."""
    return attendance_figures([session])[session.pk]


def attendance_table(sessions: Iterable[Session]) -> list[tuple[Session, dict[str, int]]]:
    """(session, counts per function) for each session, e.g. for a chart across a circle."""
    sessions = list(sessions)
    figures = attendance_figures(sessions)
    return [(session, figures[session.pk]) for session in sessions]


def attendance_sentence(counts: dict[str, int]) -> str:
    """'26 deelnemers: 8 wijkteammedewerkers, 6 vraagwijzermedewerkers en 4 onderzoekers of docenten'."""
    total = sum(counts.values())
    if not total:
        return ""
    parts = [function_count_label(function, count) for function, count in counts.items() if count]
    head = ngettext("%(n)d deelnemer", "%(n)d deelnemers", total) % {"n": total}
    return f"{head}: {get_text_list(parts, _('en'))}"


def actions_earlier_open(*, session: Session) -> QuerySet[Action]:
    """Actions of earlier sessions of the circle still open, or closed at this one (so that can be undone)."""
    return (
        Action.objects.filter(circle_id=session.circle_id, session__number__lt=session.number)
        .filter(Q(status=Action.Status.OPEN) | Q(done_at_session=session))
        .select_related("session", "due_session")
        .order_by("session__number", "position", "pk")
    )


def outcomes_to_establish(*, session: Session) -> QuerySet[Outcome]:
    """Submitted verslagen of earlier sessions of the circle, to be established at this one."""
    return (
        Outcome.objects.filter(
            session__circle_id=session.circle_id, session__number__lt=session.number, status=Outcome.Status.SUBMITTED
        )
        .select_related("session", "submitted_by")
        .order_by("session__number")
    )


def sessions_with_figures(*, circle: Circle) -> list[Session]:
    """A circle's sessions with what attendance and verslag status need, in a fixed number of queries.

    Sessions the circle page has prefetched (with their facilitators) are used as they are; only
    what the figures add is fetched.
    """
    sessions = sorted(circle.sessions.all(), key=lambda session: (session.number, session.date))
    prefetch_related_objects(sessions, "outcome", "facilitators")
    # Where each verslag was established is one of these sessions: no query per established verslag.
    by_pk = {session.pk: session for session in sessions}
    for session in sessions:
        outcome = getattr(session, "outcome", None)
        if outcome is not None and outcome.established_at_session_id in by_pk:
            outcome.established_at_session = by_pk[outcome.established_at_session_id]
    return sessions


@dataclass(frozen=True)
class MatrixCell:
    """One bouwsteen in one year: the counts and where each leads (circles, sessions and
    participants to the overview of those circles, verslagen to the kennisbank)."""

    year: int
    circles: int
    sessions: int
    participants: int
    established: int
    circles_url: str
    kennisbank_url: str


@dataclass(frozen=True)
class MatrixRow:
    block: BuildingBlock
    cells: list[MatrixCell]


@dataclass(frozen=True)
class BuildingBlockMatrix:
    years: list[int]
    rows: list[MatrixRow]


def building_block_matrix(user: User | AnonymousUser, blocks: list[BuildingBlock]) -> BuildingBlockMatrix:
    """The bouwstenen × period matrix: what the user sees of the last few years. Circles count by
    the year they start, verslagen by the year of their session (as the kennisbank's period facet
    does). Counting reads every circle of those years (seven queries), so the figures come from the
    cache, counted again by the worker after a change (leerkring/core/figures.py)."""
    figures, established = cached_figures.get("matrix", user, tuple(block.pk for block in blocks))
    overview, kennisbank = reverse("circles:list"), reverse("kennisbank:search")
    rows = []
    for block in blocks:
        cells = []
        for year in figures.years:
            key = (block.pk, year)
            query = urlencode({"bouwsteen": block.pk, "jaar": year, "status": NOT_CANCELLED})
            cell = MatrixCell(
                year=year,
                circles=figures.circles.get(key, 0),
                sessions=figures.sessions.get(key, 0),
                participants=figures.participants.get(key, 0),
                established=established.get((block.number, year), 0),
                circles_url=f"{overview}?{query}",
                kennisbank_url=f"{kennisbank}?{Filters(block=block.number, year=year).params()}",
            )
            cells.append(cell)
        rows.append(MatrixRow(block=block, cells=cells))
    return BuildingBlockMatrix(years=figures.years, rows=rows)


@dataclass(frozen=True)
class MySessionRow:
    """A row of "Mijn bijeenkomsten": the session with its labels and links, worked out once per
    page rather than per row in the template (no translation lookup or URL reversal per row)."""

    session: Session
    circle_url: str
    heading: str  # "Bijeenkomst 3", with the theme after it
    location: str
    others: list[str]  # the other facilitators
    status: str  # where the verslag stands
    badge: str
    attendance_url: str  # only for who may edit
    outcome_url: str
    outcome_action: str  # "Verslag schrijven", "Verslag bewerken", "Verslag lezen" or ""
    outcome_primary: bool


def my_session_rows(sessions: Iterable[Session], user: User, *, may_edit: bool) -> list[MySessionRow]:
    """The rows for sessions fetched with their circle, outcome and facilitators."""
    circle_url, outcome_url = code_link("circles:detail"), code_link("sessions:outcome")
    attendance_url = code_link("sessions:attendance")
    number = _("Bijeenkomst %(number)s")
    statuses = {value: str(label) for value, label in Outcome.Status.choices}
    no_outcome, write, edit, read = (
        _("Nog geen verslag"),
        _("Verslag schrijven"),
        _("Verslag bewerken"),
        _("Verslag lezen"),
    )
    rows = []
    for session in sessions:
        outcome: Outcome | None = getattr(session, "outcome", None)
        heading = number % {"number": session.number}
        if may_edit and not (outcome is not None and outcome.is_established):
            action, primary = (edit if outcome is not None else write), True
        else:
            action, primary = (read if outcome is not None else ""), False
        row = MySessionRow(
            session=session,
            circle_url=circle_url(session.circle.code),
            heading=f"{heading} · {session.theme}" if session.theme else heading,
            location=session.location or session.circle.location or "—",
            others=[
                person.get_full_name() or person.get_username()
                for person in people_sorted(session.facilitators.all())
                if person.pk != user.pk
            ],
            status=statuses.get(outcome.status, outcome.status) if outcome is not None else no_outcome,
            badge=outcome.badge_class if outcome is not None else "text-bg-light border",
            attendance_url=attendance_url(session.code) if may_edit else "",
            outcome_url=outcome_url(session.code) if action else "",
            outcome_action=action,
            outcome_primary=primary,
        )
        rows.append(row)
    return rows


MatrixFigures = tuple[BlockYearFigures, dict[tuple[int, int], int]]


def matrix_count(user: User | AnonymousUser, blocks: tuple[int, ...]) -> MatrixFigures:
    """What building_block_matrix keeps: the counts per bouwsteen and year, and the established verslagen."""
    chosen = list(BuildingBlock.objects.filter(pk__in=blocks))
    figures = building_block_year_figures(user, chosen)
    numbers = (block.number for block in chosen)
    return figures, established_per_block_and_year(outcomes_readable_by(user), numbers, figures.years)


def matrix_key(user: User | AnonymousUser, blocks: tuple[int, ...]) -> str | None:
    scope = cached_figures.scope_of(user)
    return None if scope is None else f"{scope}:{','.join(map(str, blocks))}"


def sessions_guided_by(user: User) -> QuerySet[Session]:
    """A facilitator's sessions of circles not cancelled, only while they hold the role: revoking it
    empties "Mijn bijeenkomsten" and the calendar feed."""
    if not roles.is_begeleider(user):
        return Session.objects.none()
    return Session.objects.filter(facilitators=user).exclude(circle__status=Circle.Status.CANCELLED)


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment, ZoneInfo(settings.TIME_ZONE))


def _day(moment: datetime.datetime | datetime.date) -> str:
    if isinstance(moment, datetime.datetime):
        moment = _local_day(moment)
    return date_format(moment, "j F Y")


def _outcome_date_problems(outcome: Outcome) -> list[str]:
    session, at = outcome.session, outcome.established_at_session
    found = []
    if outcome.submitted_on is not None and outcome.submitted_on < session.date:
        found.append(_("verslag ingediend op %(day)s, vóór de bijeenkomst zelf") % {"day": _day(outcome.submitted_on)})
    if outcome.is_established and at is not None:
        facts = _("vastgesteld tijdens bijeenkomst %(number)d (%(date)s)") % {
            "number": at.number,
            "date": _day(at.date),
        }
        misplaced = outcome.misplaced_at(at)
        if misplaced:
            found.append(f"{facts}: {misplaced}")
        if outcome.established_at is not None and _local_day(outcome.established_at) < at.date:
            found.append(
                _("%(facts)s, maar al op %(day)s, voordat die bijeenkomst had plaatsgevonden")
                % {"facts": facts, "day": _day(outcome.established_at)}
            )
    return found


def _attendance_recorded_on() -> dict[int, datetime.datetime]:
    """The last change to each session's attendance (marks or counts)."""
    last: dict[int, datetime.datetime] = {}
    for model in (Attendance, AttendanceCount):
        for row in model.objects.values("session").annotate(last=Max("updated_at")):
            last[row["session"]] = max(row["last"], last.get(row["session"], row["last"]))
    return last


def par_date_problems() -> list[tuple[Session, str]]:
    """Stored verslagen and attendance that break the PAR cycle's dates, with what is wrong, in
    circle and session order. Data from before the rule: it is listed for people to judge, not changed."""
    found: list[tuple[Session, str]] = []
    outcomes = Outcome.objects.exclude(status=Outcome.Status.CONCEPT).select_related(
        "session__circle", "established_at_session"
    )
    for outcome in outcomes:
        found += [(outcome.session, problem) for problem in _outcome_date_problems(outcome)]
    recorded = _attendance_recorded_on()
    for session in Session.objects.filter(pk__in=list(recorded)).select_related("circle"):
        if _local_day(recorded[session.pk]) < session.date:
            problem = _("aanwezigheid vastgelegd op %(day)s, vóór de bijeenkomst zelf")
            found.append((session, problem % {"day": _day(recorded[session.pk])}))
    return sorted(found, key=lambda item: (item[0].circle.name, item[0].circle_id, item[0].number))


def presence_list(session: Session) -> list[Registration]:
    """Who was there with a registration number: one row per professional for the accreditation
    portals' presence list of one run date, by surname. Guests have no sign-up, so no number."""
    present = Registration.objects.filter(
        attendances__session=session, attendances__present=True, anonymised_at__isnull=True
    ).exclude(registration_number="")
    return people_sorted(present.distinct())


def open_actions(actions: QuerySet[Action], *, by_owner: bool = False) -> QuerySet[Action]:
    """Open actions with what a board row shows, by due date (none last) or by owner, then due date."""
    rows = (
        actions.filter(status=Action.Status.OPEN)
        .select_related("circle", "session", "due_session")
        .annotate(due_date=F("due_session__date"))
    )
    by_due: list[str | OrderBy] = [
        F("due_date").asc(nulls_last=True),
        "circle__name",
        "session__number",
        "position",
        "pk",
    ]
    return rows.order_by(bytewise("owner_sort"), *by_due) if by_owner else rows.order_by(*by_due)


@dataclass(frozen=True)
class QuestionStep:
    """One session in the thread of learning questions; `outcome` only when the user may read it."""

    session: Session
    outcome: Outcome | None
    subquestions: list[str]
    may_read: bool

    @property
    def has_questions(self) -> bool:
        return self.outcome is not None and bool(self.outcome.central_question or self.subquestions)


def learning_questions(user: User | AnonymousUser, circle: Circle) -> list[QuestionStep]:
    """Every session of the circle in order, with the centrale vraag and deelvragen of its verslag
    when the user may read it: as its editor or a reader of all verslagen, or, once established,
    by its publication level. One or two queries beyond the page's own prefetch, at any number of sessions."""
    sessions = sessions_with_figures(circle=circle)
    prefetch_related_objects(sessions, "outcome__subquestions")
    rights = outcome_rights(user, circle)
    published: set[int] = set()
    if not rights.reads_all:
        readable = outcomes_readable_by(user).filter(session__circle=circle)
        published = set(readable.values_list("session_id", flat=True))
    steps = []
    for session in sessions:
        outcome: Outcome | None = getattr(session, "outcome", None)
        may_read = rights.may_read(session) or session.pk in published
        shown = outcome if may_read else None
        texts = [item.text for item in shown.subquestions.all()] if shown is not None else []
        steps.append(QuestionStep(session=session, outcome=shown, subquestions=texts, may_read=may_read))
    return steps

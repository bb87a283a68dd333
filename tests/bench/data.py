"""Bench data: N circles × 6 sessions × 25 sign-ups, written with bulk_create.

The one bench module that imports the app's models. Circle number i is built from i alone, so
the data at a size is the same whether it was grown from a smaller size or written at once;
sizes grow by adding circles.

Every 20 circles (`PHASES`): 3 completed (all sessions past, attendance counts, verslagen
established at the next session), 3 running (three sessions past with attendance per participant,
the first two verslagen established, the third submitted), 1 concept, 1 closed (full) and 12
published ahead. A circle's first verslag is openbaar, its second Werkplaats, the rest intern; each
has its kennisbank search row. One circle in 40 is cancelled instead of published ahead. Capacity 25, or 22 in
every fourth circle (three on the waiting list); one sign-up in every seventh circle is cancelled.
Each session has two facilitators from a pool of 40 begeleiders; one more begeleider guides every
session of one circle in ten, so her Mijn bijeenkomsten grows with N.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.db import connection, models, transaction

from buildingblocks.models import BuildingBlock
from circles.models import (
    Circle,
    CircleStatusChange,
    Function,
    Organisation,
    Registration,
    Session,
    local_today,
)
from leerkring.core.roles import BEGELEIDER, PROJECTLEIDER, STAF
from reports.models import Report
from sessions.demo import GROUPING, PARTS, RESULTS, SUBGROUPS
from sessions.kennisbank.models import OutcomeSearch
from sessions.kennisbank.services import outcome_search_parts, search_vector
from sessions.models import (
    Action,
    Answer,
    Attendance,
    AttendanceCount,
    Outcome,
    OutcomeEvent,
    Section,
    Subgroup,
    SubQuestion,
)

__all__ = ["Action", "Answer", "BenchData", "Outcome", "Section", "Session", "SubQuestion", "Subgroup", "Targets"]

SESSIONS_PER_CIRCLE = 6
SIGNUPS_PER_CIRCLE = 25
BEGELEIDER_POOL = 40
PROJECTLEIDERS = 5
CHUNK = 200  # circles per round of inserts: bounded memory at any size
SEED = "leerkring-bench"

COMPLETED, RUNNING, CONCEPT, CLOSED, AHEAD = "completed", "running", "concept", "closed", "ahead"
PHASES = [COMPLETED] * 3 + [RUNNING] * 3 + [CONCEPT, CLOSED] + [AHEAD] * 12
# Circles the pages are measured on; they exist at every size (the smallest is 20 circles).
RUNNING_CIRCLE = 3  # circle page, sign-ups page, verslag of its first session
PUBLIC_CIRCLE = 8  # public page with the form
SIGNUP_CIRCLE = 9  # target of the sign-up POSTs
MIN_SIZE = 20
TARGET_CIRCLES = (RUNNING_CIRCLE, PUBLIC_CIRCLE, SIGNUP_CIRCLE)

THEMES = [
    "Methodiekontwikkeling integrale wijkteams",
    "Samenwerken met het informele netwerk",
    "Eigen kracht en regie",
    "Huiselijk geweld herkennen",
    "Schulden en armoede",
    "Jongeren en hun netwerk",
    "Mantelzorg ondersteunen",
    "Casusregie in de wijk",
    "Beleid en uitvoering verbinden",
    "Kwaliteit en verantwoording",
]
TEAMS = [
    "Hoogvliet",
    "Charlois",
    "IJsselmonde",
    "Pernis",
    "Feijenoord",
    "Delfshaven",
    "Noord",
    "Kralingen-Crooswijk",
    "Prins Alexander",
    "Overschie",
    "Hillegersberg-Schiebroek",
    "Centrum",
]
FIRST_NAMES = ["Anna", "Fatima", "Sanne", "Mohamed", "Henk", "Priya", "Joost", "Esra", "Lotte", "Kees", "Noor", "Ravi"]
LAST_NAMES = ["de Vries", "el Amrani", "Jansen", "Bakker", "Yilmaz", "Koetsveld", "de Wit", "Visser", "Smit", "Mulder"]
LOCATIONS = ["Museumpark 40, Rotterdam", "Wijkteam Charlois, Boergoensevliet 2", "Vraagwijzer Hoogvliet, Middenbaan 1"]
ORGANISATIONS = [Organisation.WIJKTEAM] * 3 + [Organisation.VRAAGWIJZER, Organisation.STEDELIJK_LOKET]
FUNCTIONS = [Function.WIJKTEAMMEDEWERKER] * 3 + [Function.VRAAGWIJZERMEDEWERKER, Function.WIJKTEAMLEIDER]
COUNTS = {
    Function.WIJKTEAMMEDEWERKER: 9,
    Function.VRAAGWIJZERMEDEWERKER: 6,
    Function.WIJKTEAMLEIDER: 3,
    Function.BELEIDSMEDEWERKER: 3,
    Function.ONDERZOEKER_DOCENT: 2,
}
TZ = ZoneInfo(settings.TIME_ZONE)
M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Targets:
    """What the pages are measured on: the same rows at every size."""

    public_circle: UUID
    signup_circle: UUID
    running_circle: UUID
    established_session: UUID
    projectleider: User
    staf: User
    begeleider: User


@dataclass
class People:
    leaders: list[User]
    staf: User
    busy: User
    pool: list[User]


def at(date: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(hour), tzinfo=TZ)


def insert(model: type[M], rows: Sequence[M]) -> list[M]:
    """bulk_create in batches; on PostgreSQL and SQLite the rows get their primary keys back."""
    return model._default_manager.bulk_create(rows, batch_size=2000)


class BenchData:
    """Grows the bench database to a number of circles and tells what the pages are measured on."""

    def __init__(self) -> None:
        self.size = 0
        self.people: People | None = None
        self.today = local_today()
        self.plans: dict[int, CirclePlan] = {}  # the circles of TARGET_CIRCLES, once written

    def grow_to(self, size: int) -> float:
        """Add circles up to `size`, then ANALYZE (PostgreSQL); returns the seconds it took."""
        if size < MIN_SIZE:
            raise ValueError(f"the bench needs at least {MIN_SIZE} circles (its pages are measured on them)")
        started = time.perf_counter()
        with transaction.atomic():
            people = self.people = self.people or self._people()
            for first in range(self.size, size, CHUNK):
                self._chunk(people, range(first, min(first + CHUNK, size)))
        self.size = max(self.size, size)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # no autovacuum here: without statistics the plans are guesses
        return time.perf_counter() - started

    def targets(self) -> Targets:
        assert self.people is not None, "grow_to() first"
        running = self.plans[RUNNING_CIRCLE]
        return Targets(
            public_circle=self.plans[PUBLIC_CIRCLE].circle.code,
            signup_circle=self.plans[SIGNUP_CIRCLE].circle.code,
            running_circle=running.circle.code,
            established_session=running.sessions[0].code,
            projectleider=running.circle.project_leader,
            staf=self.people.staf,
            begeleider=self.people.busy,
        )

    def counts(self) -> dict[str, int]:
        return {
            "circles": Circle.objects.count(),
            "sessions": Session.objects.count(),
            "sign-ups": Registration.objects.count(),
            "verslagen": Outcome.objects.count(),
            "established": Outcome.objects.filter(status=Outcome.Status.ESTABLISHED).count(),
        }

    # People --------------------------------------------------------------------------------

    def _people(self) -> People:
        password = make_password(None)  # unusable: the bench logs in with force_login
        specs = [(f"bench-pl-{n}", PROJECTLEIDER) for n in range(PROJECTLEIDERS)]
        specs += [("bench-staf", STAF), ("bench-begeleider", BEGELEIDER)]
        specs += [(f"bench-bg-{n:02}", BEGELEIDER) for n in range(BEGELEIDER_POOL)]
        users = insert(
            User,
            [
                User(
                    username=username,
                    password=password,
                    email=f"{username}@example.org",
                    first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                    last_name=LAST_NAMES[n % len(LAST_NAMES)],
                )
                for n, (username, _role) in enumerate(specs)
            ],
        )
        groups = dict(Group.objects.values_list("name", "pk"))
        insert(
            User.groups.through,
            [
                User.groups.through(user_id=user.pk, group_id=groups[role])
                for user, (_name, role) in zip(users, specs, strict=True)
            ],
        )
        return People(
            leaders=users[:PROJECTLEIDERS],
            staf=users[PROJECTLEIDERS],
            busy=users[PROJECTLEIDERS + 1],
            pool=users[PROJECTLEIDERS + 2 :],
        )

    # Circles, sessions, sign-ups ------------------------------------------------------------

    def _chunk(self, people: People, indexes: range) -> None:
        plans = [CirclePlan(i, people, self.today) for i in indexes]
        insert(Circle, [plan.circle for plan in plans])
        block_ids = dict(BuildingBlock.objects.values_list("number", "pk"))
        circle_blocks = Circle.building_blocks.through
        insert(
            circle_blocks,
            [
                circle_blocks(circle_id=plan.circle.pk, buildingblock_id=block_ids[number])
                for plan in plans
                for number in plan.blocks
            ],
        )
        insert(CircleStatusChange, [change for plan in plans for change in plan.status_changes()])
        for plan in plans:
            plan.plan_sessions_and_signups()
        insert(Session, [session for plan in plans for session in plan.sessions])
        insert(Registration, [registration for plan in plans for registration in plan.registrations])
        facilitators = Session.facilitators.through
        insert(
            facilitators,
            [
                facilitators(session_id=session.pk, user_id=user.pk)
                for plan in plans
                for session, pair in zip(plan.sessions, plan.facilitators, strict=True)
                for user in pair
            ],
        )
        session_blocks = Session.building_blocks.through
        insert(
            session_blocks,
            [
                session_blocks(session_id=session.pk, buildingblock_id=block_ids[plan.blocks[0]])
                for plan in plans
                if plan.circle.kind == Circle.Kind.OP_MAAT
                for session in plan.sessions
            ],
        )
        _Outcomes(plans).insert()
        insert(Report, [report for plan in plans for report in plan.reports()])
        self.plans.update((plan.i, plan) for plan in plans if plan.i in TARGET_CIRCLES)


def circle_name(i: int) -> str:
    return f"Leerkring {i + 1} - {THEMES[i % len(THEMES)]}"


def phase_of(i: int) -> str:
    phase = PHASES[i % len(PHASES)]
    return "cancelled" if phase == AHEAD and i % 40 == 19 else phase


class CirclePlan:
    """Circle number i: its row, and (once it has a primary key) its sessions and sign-ups."""

    def __init__(self, i: int, people: People, today: datetime.date) -> None:
        self.i = i
        self.rng = random.Random(f"{SEED}-{i}")
        self.people = people
        self.phase = phase_of(i)
        self.blocks = sorted(self.rng.sample(range(1, 9), self.rng.randint(1, 3)))
        self.dates = self._dates(today)
        self.sessions: list[Session] = []
        self.facilitators: list[tuple[User, User]] = []
        self.registrations: list[Registration] = []
        kind = Circle.Kind.OP_MAAT if i % 3 == 0 else Circle.Kind.THEMA
        status = {
            COMPLETED: Circle.Status.COMPLETED,
            CONCEPT: Circle.Status.CONCEPT,
            CLOSED: Circle.Status.CLOSED,
            "cancelled": Circle.Status.CANCELLED,
        }.get(self.phase, Circle.Status.PUBLISHED)
        self.circle = Circle(
            name=circle_name(i),
            kind=kind,
            description="Professionals wisselen ervaringen uit en ontwikkelen samen werkwijzen.",
            goal="Ervaringen uitwisselen en omzetten in handvatten voor het werk in de wijk.",
            audience=[Organisation.WIJKTEAM, Organisation.VRAAGWIJZER],
            team=TEAMS[i % len(TEAMS)] if kind == Circle.Kind.OP_MAAT else "",
            start_date=self.dates[0],
            end_date=self.dates[-1],
            capacity=22 if i % 4 == 1 else SIGNUPS_PER_CIRCLE,
            location=LOCATIONS[i % len(LOCATIONS)],
            project_leader=people.leaders[i % PROJECTLEIDERS],
            status=status,
        )

    def _dates(self, today: datetime.date) -> list[datetime.date]:
        """Six sessions a fortnight apart: all past, three past, or all ahead (within a year)."""
        spread = (self.i * 37) % 300
        if self.phase == COMPLETED:
            first = today - datetime.timedelta(days=90 + spread)
        elif self.phase == RUNNING:
            first = today - datetime.timedelta(days=14 * 2 + 3)
        else:
            first = today + datetime.timedelta(days=7 + spread)
        return [first + datetime.timedelta(weeks=2 * n) for n in range(SESSIONS_PER_CIRCLE)]

    def status_changes(self) -> list[CircleStatusChange]:
        status = self.circle.status
        if status == Circle.Status.CONCEPT:
            return []
        by = self.circle.project_leader
        changes: list[tuple[str, str]] = [(Circle.Status.CONCEPT, Circle.Status.PUBLISHED)]
        if status != Circle.Status.PUBLISHED:
            changes.append((Circle.Status.PUBLISHED, status))
        return [
            CircleStatusChange(circle=self.circle, from_status=old, to_status=new, changed_by=by)
            for old, new in changes
        ]

    def plan_sessions_and_signups(self) -> None:
        busy = self.i % 10 == RUNNING_CIRCLE
        for number, date in enumerate(self.dates, start=1):
            pair = self.rng.sample(self.people.pool, 2)
            self.facilitators.append((self.people.busy, pair[0]) if busy else (pair[0], pair[1]))
            self.sessions.append(
                Session(
                    circle=self.circle,
                    number=number,
                    date=date,
                    start_time=datetime.time(13),
                    end_time=datetime.time(16),
                    location=self.circle.location,
                    theme=THEMES[(self.i + number) % len(THEMES)],
                )
            )
        self.registrations = [self._registration(n) for n in range(SIGNUPS_PER_CIRCLE)]

    def _registration(self, n: int) -> Registration:
        status = Registration.Status.CONFIRMED if n < self.circle.capacity else Registration.Status.WAITLIST
        cancelled = self.i % 7 == 0 and n == 5
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        return Registration(
            circle=self.circle,
            first_name=first,
            last_name=last,
            email=f"deelnemer-{self.i}-{n}@example.org",
            phone="010 123 45 67" if n % 3 == 0 else "",
            organisation=self.rng.choice(ORGANISATIONS),
            team=self.circle.team or self.rng.choice(TEAMS),
            function=self.rng.choice(FUNCTIONS),
            learning_question="Hoe betrek ik het netwerk van een bewoner eerder?" if n % 4 == 0 else "",
            status=Registration.Status.CANCELLED if cancelled else status,
            cancelled_at=at(self.dates[0], 9) if cancelled else None,
        )

    def past_sessions(self) -> list[Session]:
        if self.phase == COMPLETED:
            return self.sessions
        if self.phase == RUNNING:
            return self.sessions[:3]
        return []

    def reports(self) -> list[Report]:
        if self.phase != COMPLETED:
            return []
        requested = {
            "requested_by": self.circle.project_leader,
            "status": Report.Status.DONE,
            "language": "nl",
            "file": f"bench/leerkring-{self.i}.pdf",  # never opened: the list only links to it
        }
        return [
            Report(kind=Report.Kind.CIRCLE_REPORT, circle=self.circle, include_personal_data=True, **requested),
            Report(kind=Report.Kind.SESSION_SUMMARY, circle=self.circle, session=self.sessions[0], **requested),
        ]


PUBLICATIONS = [Outcome.Publication.PUBLIC, Outcome.Publication.WERKPLAATS, Outcome.Publication.INTERN]


class _Outcomes:
    """Attendance and verslagen of the past sessions, modelled on the real summary of Leerkring 1."""

    def __init__(self, plans: list[CirclePlan]) -> None:
        self.plans = plans

    def insert(self) -> None:
        attendance: list[Attendance] = []
        counts: list[AttendanceCount] = []
        outcomes: list[tuple[Outcome, CirclePlan, Session, User]] = []
        for plan in self.plans:
            past = plan.past_sessions()
            for index, session in enumerate(past):
                if plan.phase == RUNNING:
                    attendance.extend(self._present(plan, session))
                else:
                    counts.extend(
                        AttendanceCount(session=session, function=function, count=count)
                        for function, count in COUNTS.items()
                    )
                later = plan.sessions[index + 1] if index + 1 < len(past) else None
                writer = plan.facilitators[index][0]
                outcome = self._outcome(session, later, writer)
                # The kennisbank's levels: the first verslag of a circle openbaar, the second Werkplaats.
                outcome.publication = PUBLICATIONS[min(index, len(PUBLICATIONS) - 1)]
                outcomes.append((outcome, plan, session, writer))
        insert(Attendance, attendance)
        insert(AttendanceCount, counts)
        insert(Outcome, [outcome for outcome, *_rest in outcomes])
        self._contents(outcomes)

    def _present(self, plan: CirclePlan, session: Session) -> Iterator[Attendance]:
        for registration in plan.registrations:
            if registration.status == Registration.Status.CONFIRMED:
                yield Attendance(session=session, registration=registration, present=plan.rng.random() < 0.85)

    def _outcome(self, session: Session, later: Session | None, writer: User) -> Outcome:
        established: dict[str, Any] = {"status": Outcome.Status.SUBMITTED}
        if later is not None:
            established = {
                "status": Outcome.Status.ESTABLISHED,
                "established_at_session": later,
                "established_by": writer,
                "established_at": at(later.date, 16),
            }
        return Outcome(
            session=session,
            central_question="Wat betekent het werken binnen het wijkteam volgens de Wmo voor jouw professie?",
            introduction="Het doel is ervaringen uitwisselen en omzetten in handvatten voor de nieuwe wijkteams.",
            method="De leerkring werkt volgens Participatory Action Research (PAR).",
            parts=PARTS,
            grouping=GROUPING,
            submitted_by=writer,
            submitted_at=at(session.date, 17),
            updated_by=writer,
            **established,
        )

    def _contents(self, outcomes: list[tuple[Outcome, CirclePlan, Session, User]]) -> None:
        groups = insert(
            Subgroup,
            [
                Subgroup(outcome_id=outcome.pk, name=name, position=position)
                for outcome, *_rest in outcomes
                for position, name in enumerate(SUBGROUPS)
            ],
        )
        questions = insert(
            SubQuestion,
            [
                SubQuestion(outcome_id=outcome.pk, text=text, remarks=remarks, position=position)
                for outcome, *_rest in outcomes
                for position, (text, _answers, remarks) in enumerate(RESULTS)
            ],
        )
        per_outcome = len(SUBGROUPS)
        insert(
            Answer,
            [
                Answer(
                    subquestion_id=question.pk, subgroup_id=groups[n // len(RESULTS) * per_outcome + g].pk, text=text
                )
                for n, question in enumerate(questions)
                for g, text in enumerate(RESULTS[n % len(RESULTS)][1])
            ],
        )
        insert(
            Section,
            [
                Section(outcome_id=outcome.pk, heading="Kansen", items="Kennis delen\nSneller opschalen")
                for outcome, *_rest in outcomes
            ],
        )
        insert(
            Action,
            [
                Action(
                    circle_id=plan.circle.pk,
                    session_id=session.pk,
                    description="Sociale kaart van de wijk bijwerken",
                    owner_name="Fatima el Amrani",
                )
                for _outcome, plan, session, _writer in outcomes
            ],
        )
        events = [
            OutcomeEvent(outcome_id=outcome.pk, action=OutcomeEvent.Action.SUBMITTED, by=writer)
            for outcome, _p, _s, writer in outcomes
        ]
        events += [
            OutcomeEvent(outcome_id=outcome.pk, action=OutcomeEvent.Action.ESTABLISHED, by=outcome.established_by)
            for outcome, *_rest in outcomes
            if outcome.is_established
        ]
        insert(OutcomeEvent, events)
        self._search_rows([outcome for outcome, *_rest in outcomes])

    def _search_rows(self, outcomes: list[Outcome]) -> None:
        """The kennisbank's search rows, as outcome_index writes them; every bench verslag holds the
        same text, so one is built the service's way and copied (one UPDATE sets all the vectors)."""
        if not outcomes:
            return
        head, questions, rest = outcome_search_parts(outcomes[0])
        text = "\n".join(part for part in (head, questions, rest) if part)
        insert(OutcomeSearch, [OutcomeSearch(outcome_id=outcome.pk, text=text) for outcome in outcomes])
        if connection.vendor == "postgresql":
            rows = OutcomeSearch.objects.filter(outcome_id__in=[outcome.pk for outcome in outcomes])
            rows.update(vector=search_vector(head, questions, rest))

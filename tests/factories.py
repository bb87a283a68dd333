"""Small explicit builders, in one place: each test makes exactly the data it needs.

Circles and sessions, sign-ups and the fields of the sign-up form, a verslag modelled on the real
'Samenvatting opbrengst Leerkring 1', and the small world the permission matrix runs against.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth.models import User
from django.core import signing
from django.utils import timezone

from buildingblocks.models import BuildingBlock
from circles.forms.signup import STARTED_SALT
from circles.models import Circle, Function, Organisation, Registration, Session
from circles.services.sessions import sessions_renumber
from leerkring.core.models import OutgoingMail
from sessions.models import Action, Answer, AttendanceCount, Outcome, PolicySignal, Section, Subgroup, SubQuestion
from sessions.services.outcomes import (
    ActionInput,
    OutcomeInput,
    SectionInput,
    SubgroupInput,
    SubQuestionInput,
    outcome_save,
)


def make_circle(project_leader: User, **fields: Any) -> Circle:
    blocks = fields.pop("building_blocks", [1])
    defaults: dict[str, Any] = {
        "name": "Leerkring 1 - Methodiekontwikkeling",
        "kind": Circle.Kind.THEMA,
        "goal": "Ervaringen uitwisselen en omzetten in handvatten.",
        "start_date": datetime.date(2027, 3, 1),
        "end_date": datetime.date(2027, 6, 30),
        "capacity": 25,
        "location": "Museumpark 40, Rotterdam",
    }
    defaults.update(fields)
    circle = Circle.objects.create(project_leader=project_leader, **defaults)
    circle.building_blocks.set(BuildingBlock.objects.filter(number__in=blocks))
    return circle


def make_session(
    circle: Circle,
    date: datetime.date,
    start: str = "13:00",
    end: str = "16:00",
    facilitators: list[User] | tuple[User, ...] = (),
    **fields: Any,
) -> Session:
    session = Session.objects.create(
        circle=circle,
        date=date,
        start_time=datetime.time.fromisoformat(start),
        end_time=datetime.time.fromisoformat(end),
        location=fields.pop("location", "Museumpark 40, Rotterdam"),
        **fields,
    )
    session.facilitators.set(facilitators)
    sessions_renumber(circle=circle)
    session.refresh_from_db()
    return session


def first_session(circle: Circle) -> Session:
    session = circle.sessions.first()
    assert session is not None
    return session


def make_registration(circle: Circle, email: str = "anna@example.org", **fields: Any) -> Registration:
    defaults: dict[str, Any] = {
        "first_name": "Anna",
        "last_name": "de Vries",
        "organisation": Organisation.WIJKTEAM,
        "team": "Charlois",
        "function": Function.WIJKTEAMMEDEWERKER,
        "status": Registration.Status.CONFIRMED,
    }
    defaults.update(fields)
    return Registration.objects.create(circle=circle, email=email, **defaults)


def make_mail(registration: Registration, name: str = "signup-confirmation", **fields: Any) -> OutgoingMail:
    """A mail about a sign-up in the outbox, as `outbox.mail_queue` writes it, without its delivery."""
    defaults: dict[str, Any] = {
        "to_email": registration.email,
        "language": registration.language,
        "about_label": "circles.registration",
        "about_id": registration.pk,
    }
    defaults.update(fields)
    return OutgoingMail.objects.create(name=name, **defaults)


MARCH = [datetime.date(2027, 3, day) for day in (2, 9, 16, 23)]


def ready_circle(project_leader: User, facilitators: list[User], **fields: object) -> Circle:
    """A concept with four sessions of three hours, two facilitators each, inside its period."""
    circle = make_circle(project_leader, **fields)
    for date in MARCH:
        make_session(circle, date, "13:00", "16:00", facilitators=facilitators)
    return circle


# Before the circles built here start and end; sign-ups close when a circle is over.
BEFORE_THE_CIRCLES = datetime.datetime(2027, 1, 15, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def before_the_circles() -> time_machine.travel:
    """The clock at BEFORE_THE_CIRCLES, still ticking; a test may travel further inside it."""
    return time_machine.travel(BEFORE_THE_CIRCLES, tick=True)


def on_the_day(date: datetime.date, hour: int = 17) -> time_machine.travel:
    """The clock on a session's day in Amsterdam, still ticking: from then on attendance can be
    recorded and its verslag submitted (the PAR cycle keeps true dates)."""
    moment = datetime.datetime.combine(date, datetime.time(hour), tzinfo=ZoneInfo("Europe/Amsterdam"))
    return time_machine.travel(moment, tick=True)


def open_circle(
    project_leader: User,
    facilitators: tuple[User, ...] = (),
    *,
    first_session: datetime.date = datetime.date(2027, 3, 2),
    **fields: Any,
) -> Circle:
    """A published circle with four weekly sessions, from 2 March 2027 unless told otherwise."""
    circle = make_circle(project_leader, status=Circle.Status.PUBLISHED, **fields)
    for week in range(4):
        make_session(circle, first_session + datetime.timedelta(weeks=week), facilitators=list(facilitators))
    return circle


def started(seconds_ago: int = 60) -> str:
    signer = signing.TimestampSigner(salt=STARTED_SALT)
    return signer.sign(str(int(time.time()) - seconds_ago))


# What registration_create receives from a valid form (services tests, no form involved).
SERVICE_FIELDS = {
    "first_name": "Fatima",
    "last_name": "El Amrani",
    "email": "fatima@example.org",
    "phone": "",
    "organisation": "wijkteam",
    "team": "Hoogvliet",
    "function": "wijkteammedewerker",
    "learning_question": "",
}


def signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "email": "Fatima.ElAmrani@Example.org",
        "phone": "010 123 45 67",
        "organisation": "wijkteam",
        "team": "Hoogvliet",
        "function": "wijkteammedewerker",
        "learning_question": "Hoe betrek ik het netwerk van een gezin?",
        "privacy": "on",
        "website": "",
        "started": started(),
    }
    data.update(overrides)
    return data


def circle_with_sessions(leader: User, facilitators: list[User], count: int = 3) -> tuple[Circle, list[Session]]:
    circle = make_circle(leader, status=Circle.Status.PUBLISHED)
    sessions = [
        make_session(circle, datetime.date(2027, 3, 2) + datetime.timedelta(weeks=i), facilitators=facilitators)
        for i in range(count)
    ]
    return circle, [Session.objects.get(pk=s.pk) for s in sessions]


SUBGROUPS = ["Wijkteamleden", "Wijkteamleiders", "Vraagwijzers", "Beleidsmakers"]


SUBQUESTIONS: list[tuple[str, list[str]]] = [
    (
        "Wat betekent het werken binnen het wijkteam volgens de WMO voor jouw professie?",
        [
            "kortere lijnen\nniet zorgen voor maar zorgen dat\nmeer mantelzorg",
            "integraliteit bevorderen, verbinden en maatwerk",
            "meerwaarde, snelle adequate hulp, eenduidigheid",
            "positioneren van professionals, didactiek, kansen",
        ],
    ),
    (
        "Wat wil je dat een wijkteammedewerker van jouw professie afweet en zelf kan overdragen?",
        [
            "kennis over wat leidt tot gewenste gedrags- en situatieveranderingen",
            "T-shaped professional, positieve houding, generalistisch denken",
            "kennis over de sociale kaart",
            "kritische houding ten opzichte van de bestaande uitvoering",
        ],
    ),
    (
        "Waar ligt het bereik van en de grens van jouw professie?",
        [
            "volle caseload, lokaal team huiselijk geweld en medicatie",
            "the sky is the limit: zien vanuit het grote geheel",
            "de vraagwijzer is grenzeloos",
            "de keten is zo sterk als de zwakste schakel",
        ],
    ),
]


ATTENDANCE = {
    Function.WIJKTEAMMEDEWERKER: 8,
    Function.VRAAGWIJZERMEDEWERKER: 5,
    Function.WIJKTEAMLEIDER: 4,
    Function.BELEIDSMEDEWERKER: 5,
    Function.ONDERZOEKER_DOCENT: 4,
}


def make_report_circle(projectleider: User, facilitators: list[User], sessions: int = 4, **fields: Any) -> Circle:
    """A published circle with weekly sessions from 13 October 2014."""
    circle = make_circle(
        projectleider,
        status=Circle.Status.PUBLISHED,
        start_date=datetime.date(2014, 10, 1),
        end_date=datetime.date(2015, 1, 31),
        **fields,
    )
    for week in range(sessions):
        make_session(
            circle,
            datetime.date(2014, 10, 13) + datetime.timedelta(weeks=2 * week),
            facilitators=facilitators,
            theme="Methodiekontwikkeling",
        )
    return circle


def record_attendance(session: Session, counts: dict[str, int] | None = None) -> None:
    for function, count in (counts or ATTENDANCE).items():
        AttendanceCount.objects.create(session=session, function=function, count=count)


def record_outcome(
    session: Session,
    *,
    established_at: Session | None = None,
    subquestions: list[tuple[str, list[str]]] | None = None,
    **fields: Any,
) -> Outcome:
    """A full verslag: inleiding, centrale vraag, onderdelen, deelvragen per subgroep, a section, an action."""
    defaults: dict[str, Any] = {
        "introduction": "Het doel is ervaringen uitwisselen en omzetten in handvatten voor de nieuwe wijkteams.",
        "central_question": "Wat betekent de WMO voor jouw professie?",
        "method": "Leerkring 1 werkt volgens Participatory Action Research (PAR).",
        "parts": "Reflectie over de opbrengst van Living Lab I (gesprek).\n"
        "Ervaren hoe je deel kunt zijn van verschillende groepen (ludieke technieken).\n"
        "Het uitwisselen van informatie (moderatiemethode).",
        "grouping": "De subgroepen zijn gevormd aan de hand van functies.",
    }
    defaults.update(fields)
    outcome = Outcome.objects.create(session=session, **defaults)
    groups = [Subgroup.objects.create(outcome=outcome, name=name, position=i) for i, name in enumerate(SUBGROUPS)]
    for position, (text, answers) in enumerate(subquestions or SUBQUESTIONS):
        question = SubQuestion.objects.create(outcome=outcome, text=text, position=position)
        for group, answer in zip(groups, answers, strict=False):
            Answer.objects.create(subquestion=question, subgroup=group, text=answer)
    SubQuestion.objects.filter(outcome=outcome, position=0).update(
        remarks="De vraagwijzers zien de nieuwe manier van uitvragen als beknotting."
    )
    Section.objects.create(outcome=outcome, heading="Kansen", items="Kennis delen\nSneller opschalen")
    Action.objects.create(
        circle=session.circle,
        session=session,
        description="Sociale kaart van Charlois bijwerken",
        owner_name="Fatima el Amrani",
    )
    if established_at is not None:
        outcome.status = Outcome.Status.ESTABLISHED
        outcome.established_at_session = established_at
        outcome.established_at = timezone.now()
        outcome.save()
    return outcome


def save_outcome(session: Session, user: User) -> Outcome:
    """A concept verslag saved the way the page saves it (so its version is kept): two subgroups, a
    deelvraag answered by both, a free section and an action."""
    data = OutcomeInput(
        central_question="Wat betekent de Wmo voor jouw professie?",
        parts="Terugblik\nUitwisselen in subgroepen",
        grouping="Subgroepen naar functie.",
        subgroups=[SubgroupInput(None, "Wijkteamleden"), SubgroupInput(None, "Vraagwijzers")],
        subquestions=[
            SubQuestionInput(None, "Waar loop je tegenaan?", "", {0: "hoge caseload", 1: "bureaucratie"}),
        ],
        sections=[SectionInput(None, "Sterktes", "korte lijnen")],
        actions=[ActionInput(None, "Sociale kaart bijwerken", "Anna de Vries")],
    )
    return outcome_save(session=session, user=user, data=data, version=0)


@dataclass
class World:
    """One small world every permission row is checked against.

    `projectleider` leads the circle (and guides none of its sessions); `begeleider` guides its
    sessions; `begeleider2` guides nothing there; `projectleider2` leads another circle.
    """

    circle: Circle
    session: Session
    next_session: Session
    registration: Registration

    def codes(self) -> dict[str, str]:
        return {
            "circle": str(self.circle.code),
            "session": str(self.session.code),
            "next_session": str(self.next_session.code),
            "registration": str(self.registration.code),
        }


def build_world(projectleider: User, begeleider: User, other_begeleider: User) -> World:
    circle = make_circle(projectleider, status=Circle.Status.PUBLISHED)
    sessions = [make_session(circle, datetime.date(2027, 3, day), facilitators=[begeleider]) for day in (2, 9, 16, 23)]
    registration = make_registration(circle)
    return World(circle=circle, session=sessions[0], next_session=sessions[1], registration=registration)


def make_signal(outcome: Outcome, text: str = "de vraagwijzer is grenzeloos", **fields: Any) -> PolicySignal:
    defaults: dict[str, Any] = {
        "source": "Deelvraag 3 · Vraagwijzers",
        "note": "Vraagwijzers krijgen vragen waar geen loket voor is; de gemeente moet dit weten.",
    }
    defaults.update(fields)
    return PolicySignal.objects.create(outcome=outcome, text=text, **defaults)


# Evaluation (issue 11) ---------------------------------------------------------------------------

# The evening of the last session of `open_circle` (23 March 2027, ends 16:00 in Rotterdam).
AFTER_THE_LAST_SESSION = datetime.datetime(2027, 3, 23, 17, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def evaluation_link(response: Any) -> str:
    """The path of a response's signed link, as its invitation mail carries it."""
    from django.urls import reverse

    from sessions.evaluation.services import response_token

    return reverse("sessions:evaluation_answer", args=[response_token(response)])


def make_response(registration: Registration, *, ratings: list[int] | None = None, answers: list[str] | None = None,
                  kind: str = "evaluatie") -> Any:  # fmt: skip
    """An invitation, answered when `ratings` or `answers` are given."""
    from sessions.evaluation.models import EvaluationResponse

    answered = ratings is not None or answers is not None
    return EvaluationResponse.objects.create(
        registration=registration,
        kind=kind,
        invited_at=timezone.now(),
        answered_at=timezone.now() if answered else None,
        ratings=ratings or [],
        answers=answers or [],
    )

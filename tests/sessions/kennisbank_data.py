"""Established verslagen for the kennisbank tests, indexed the way the services index them."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from circles.models import Circle
from sessions.kennisbank.services import outcome_index
from sessions.models import Action, Answer, Attendance, Outcome, Section, Subgroup, SubQuestion
from tests.factories import make_circle, make_registration, make_session


def established(
    circle: Circle,
    date: datetime.date,
    *,
    question: str,
    answers: dict[str, str] | None = None,
    sections: dict[str, str] | None = None,
    actions: list[tuple[str, str]] | None = None,
    publication: str = Outcome.Publication.INTERN,
    facilitators: list[User] | None = None,
    **fields: Any,
) -> Outcome:
    """A verslag with one deelvraag answered per subgroup, established and indexed."""
    session = make_session(circle, date, facilitators=facilitators or [])
    outcome = Outcome.objects.create(
        session=session,
        central_question=question,
        status=Outcome.Status.ESTABLISHED,
        publication=publication,
        established_at=timezone.make_aware(datetime.datetime.combine(date, datetime.time(17))),
        **fields,
    )
    if answers:
        sub = SubQuestion.objects.create(outcome=outcome, text="Waar loop je tegenaan?")
        for position, (name, text) in enumerate(answers.items()):
            group = Subgroup.objects.create(outcome=outcome, name=name, position=position)
            Answer.objects.create(subquestion=sub, subgroup=group, text=text)
    for position, (heading, items) in enumerate((sections or {}).items()):
        Section.objects.create(outcome=outcome, heading=heading, items=items, position=position)
    for position, (description, owner) in enumerate(actions or []):
        Action.objects.create(
            circle=circle, session=session, description=description, owner_name=owner, position=position
        )
    outcome_index(outcome=outcome)
    return outcome


def many_verslagen(leader: User, count: int, *, facilitators: list[User] | None = None) -> None:
    """`count` established verslagen over two circles, two years and two soorten."""
    circles = [
        make_circle(leader, name="Leerkring Charlois", building_blocks=[5, 6]),
        make_circle(leader, name="Leerkring Hoogvliet", kind=Circle.Kind.OP_MAAT, building_blocks=[2]),
    ]
    for n in range(count):
        established(
            circles[n % 2],
            datetime.date(2026 + n % 2, 3, 1) + datetime.timedelta(days=n),
            question=f"Hoe werkt het wijkteam samen met de vraagwijzer? ({n})",
            answers={"Wijkteamleiders": "korte lijnen in de wijk", "Vraagwijzers": "meer mantelzorg"},
            sections={"Kansen": "vroegsignalering"},
            actions=[("Sociale kaart bijwerken", "Fatima el Amrani")],
            publication=Outcome.Publication.WERKPLAATS,
            facilitators=facilitators,
        )


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
# Everyone openbaar_full_of_names names somewhere: participant, owner, guest, project leader,
# facilitators (Berry van den Bos, Henk Koetsveld).
NAMES = ["Anna", "Jansen", "Fatima", "Amrani", "Gerrit", "Elizabeth", "Twist", "Berry", "Henk", "Koetsveld"]


def openbaar_full_of_names(project_leader: User, facilitators: list[User]) -> Outcome:
    """An openbaar verslag full of names where the internal page and PDF show them: a participant
    with an e-mail address, a guest, an action owner, an introduction naming the project leader."""
    circle = make_circle(project_leader, name="Leerkring Charlois", building_blocks=[6])
    registration = make_registration(circle, email="anna.jansen@example.org", first_name="Anna", last_name="Jansen")
    outcome = established(
        circle,
        datetime.date(2026, 3, 2),
        question="Hoe werkt het wijkteam met vrijwilligers?",
        answers={"Wijkteamleiders": "korte lijnen met het wijkteam", "Vraagwijzers": "meer mantelzorg"},
        sections={"Kansen": "buurtnetwerken"},
        actions=[("Sociale kaart van Charlois bijwerken", "Fatima el Amrani")],
        publication=Outcome.Publication.PUBLIC,
        facilitators=facilitators,
        introduction="Leerkring Charlois wordt geleid door Elizabeth van Twist (projectleider).",
        grouping="Groep 1: Anna Jansen en Gerrit Gast.",
    )
    Attendance.objects.create(session=outcome.session, registration=registration)
    Attendance.objects.create(session=outcome.session, guest_name="Gerrit Gast")
    return outcome


def personal_data_in(text: str) -> list[str]:
    """The e-mail addresses and names of openbaar_full_of_names that `text` carries."""
    return EMAIL.findall(text) + [name for name in NAMES if name in text]

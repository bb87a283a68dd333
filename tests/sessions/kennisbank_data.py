"""Established verslagen for the kennisbank tests, indexed the way the services index them."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from circles.models import Circle
from sessions.kennisbank.services import outcome_index
from sessions.models import Action, Answer, Outcome, Section, Subgroup, SubQuestion
from tests.factories import make_circle, make_session


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

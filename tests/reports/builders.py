"""Report test data: a verslag modelled on the real 'Samenvatting opbrengst Leerkring 1'."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from circles.models import Circle, Function, Session
from sessions.models import Action, Answer, AttendanceCount, Outcome, Section, Subgroup, SubQuestion
from tests.factories import make_circle, make_session

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

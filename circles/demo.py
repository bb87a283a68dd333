"""Demo circles and sessions for `seed_demo` (development only)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from buildingblocks.models import BuildingBlock
from circles.models import Circle, CircleStatusChange, FacilitatorProfile, Organisation, Session
from circles.services.sessions import sessions_renumber

LEERKRING_1 = "Leerkring 1 - Methodiekontwikkeling integrale wijkteams en (verbrede) vraagwijzers"
THEMA = "Themaleerkring Samenwerken met het informele netwerk"
CONCEPT = "Leerkring op maat Wijkteam Charlois"
# The organisation each of them gives on Mijn gegevens, printed beside their name.
ORGANISATIONS = {
    "projectleider": "Kenniscentrum Talentontwikkeling",
    "begeleider": "Bos & Meer",
    "begeleider2": "docenten HR-Instituut Sociale Opleidingen",
}


def seed_circles(users: dict[str, User]) -> dict[str, Circle]:
    """Create the demo circles once; return them by a short key.

    Keys: "leerkring1" (published, two sessions past and two to come), "thema" (a published
    themaleerkring), "concept" (a leerkring op maat whose checklist is not yet complete).
    Dates are relative to the day of the first run.
    """
    for username, organisation in ORGANISATIONS.items():
        FacilitatorProfile.objects.get_or_create(user=users[username], defaults={"organisation": organisation})
    today = timezone.localdate()
    tuesday = today + datetime.timedelta(days=(1 - today.weekday()) % 7)  # circles meet on weekdays
    return {
        "leerkring1": _leerkring_1(users, tuesday),
        "thema": _themaleerkring(users, tuesday),
        "concept": _concept(users, tuesday),
    }


def _circle(name: str, users: dict[str, User], blocks: list[int], **fields: Any) -> tuple[Circle, bool]:
    circle, created = Circle.objects.get_or_create(
        name=name, defaults={"project_leader": users["projectleider"], **fields}
    )
    if created:
        circle.building_blocks.set(BuildingBlock.objects.filter(number__in=blocks))
    return circle, created


def _sessions(circle: Circle, plan: list[tuple[datetime.date, str, str, str, list[User]]]) -> None:
    for date, start, end, theme, facilitators in plan:
        session = Session.objects.create(
            circle=circle,
            date=date,
            start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end),
            location=circle.location,
            theme=theme,
        )
        session.facilitators.set(facilitators)
    sessions_renumber(circle=circle)


def _publish(circle: Circle, by: User) -> None:
    CircleStatusChange.objects.create(
        circle=circle, from_status=Circle.Status.CONCEPT, to_status=Circle.Status.PUBLISHED, changed_by=by
    )
    circle.status = Circle.Status.PUBLISHED
    circle.save(update_fields=["status", "updated_at"])


def _leerkring_1(users: dict[str, User], today: datetime.date) -> Circle:
    week = datetime.timedelta(weeks=1)
    circle, created = _circle(
        LEERKRING_1,
        users,
        [3, 4, 5],
        kind=Circle.Kind.THEMA,
        description=(
            "Professionals uit negen wijkteams en (verbrede) vraagwijzers wisselen ervaringen uit en "
            "ontwikkelen samen werkwijzen, met veldobservaties in Hoogvliet, Charlois, IJsselmonde en Pernis."
        ),
        goal=(
            "Ervaringen uitwisselen die zijn opgedaan in de pilot wijkteams en verbrede vraagwijzers, "
            "informatie verzamelen en deze praktijkkennis samen omzetten in handvatten voor de nieuwe "
            "wijkteams en (verbrede) vraagwijzers."
        ),
        audience=[Organisation.WIJKTEAM, Organisation.VRAAGWIJZER, Organisation.GEMEENTE],
        teams=["Hoogvliet", "Charlois", "IJsselmonde", "Pernis"],
        start_date=today - 9 * week,
        end_date=today + 6 * week,
        capacity=25,
        location="Hogeschool Rotterdam, Museumpark 40, Rotterdam",
    )
    if created:
        pair = [users["begeleider"], users["begeleider2"]]
        _sessions(
            circle,
            [
                (today - 8 * week, "13:00", "16:00", "Kennismaking en Living Lab I", pair),
                (today - 6 * week, "13:00", "16:00", "Wat betekent de Wmo voor jouw professie?", pair),
                (today - 2 * week, "13:00", "16:30", "Samenwerken in het wijkteam", pair),
                (today + 2 * week, "13:00", "16:00", "Terugblik en vaststellen", pair),
            ],
        )
        _publish(circle, users["projectleider"])
    return circle


def _themaleerkring(users: dict[str, User], today: datetime.date) -> Circle:
    week = datetime.timedelta(weeks=1)
    circle, created = _circle(
        THEMA,
        users,
        [6],
        kind=Circle.Kind.THEMA,
        description=(
            "Voor professionals uit verschillende teams: hoe werk je samen met bewoners, vrijwilligers "
            "en buurtnetwerken?"
        ),
        goal="Samen praktijkvoorbeelden verzamelen en vertalen naar afspraken in het eigen team.",
        audience=[Organisation.WIJKTEAM, Organisation.VRAAGWIJZER, Organisation.STEDELIJK_LOKET, Organisation.OVERIG],
        start_date=today + 3 * week,
        end_date=today + 16 * week,
        capacity=20,
        location="Wijkcentrum Hoogvliet, Rotterdam",
    )
    if created:
        pair = [users["begeleider"], users["begeleider2"]]
        _sessions(
            circle,
            [(today + (3 + 3 * n) * week + datetime.timedelta(days=1), "09:30", "12:30", "", pair) for n in range(4)],
        )
        _publish(circle, users["projectleider"])
    return circle


def _concept(users: dict[str, User], today: datetime.date) -> Circle:
    week = datetime.timedelta(weeks=1)
    thursday = datetime.timedelta(days=2)
    circle, created = _circle(
        CONCEPT,
        users,
        [1, 5],
        kind=Circle.Kind.OP_MAAT,
        team="Wijkteam Charlois",
        description="Teamontwikkeling voor het wijkteam Charlois: een gedeelde visie en nieuwe werkwijzen.",
        goal="",
        audience=[Organisation.WIJKTEAM],
        start_date=today + 8 * week,
        end_date=today + 20 * week,
        capacity=15,
        location="Wijkteam Charlois, Rotterdam",
    )
    if created:
        _sessions(
            circle,
            [
                (today + 9 * week + thursday, "13:00", "16:00", "Startbijeenkomst", [users["begeleider"]]),
                (today + 11 * week + thursday, "14:00", "16:00", "", [users["begeleider"], users["begeleider2"]]),
            ],
        )
    return circle

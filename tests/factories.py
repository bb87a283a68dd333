"""Small explicit builders: each test makes exactly the data it needs."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User

from buildingblocks.models import BuildingBlock
from circles.models import Circle, Function, Organisation, Registration, Session
from circles.services.sessions import sessions_renumber


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

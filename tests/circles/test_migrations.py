"""Session and SessionReminder moved from circle_sessions to circles without losing a row."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [
    ("buildingblocks", "0002_the_eight_building_blocks"),
    ("circles", "0003_signup_language_anonymised"),
    ("circle_sessions", "0002_session_reminder"),
    ("reports", "0003_review_summary_personal_data"),
]


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in dict(BEFORE_THE_MOVE)]


def _old_world(apps) -> dict[str, int]:
    """A circle with a session (two facilitators, a bouwsteen), attendance, an outcome, a reminder, a report."""
    User = apps.get_model("auth", "User")
    Circle = apps.get_model("circles", "Circle")
    Registration = apps.get_model("circles", "Registration")
    Session = apps.get_model("circle_sessions", "Session")
    leader = User.objects.create(username="pl-migration")
    facilitator = User.objects.create(username="bg-migration")
    circle = Circle.objects.create(
        name="Leerkring Pernis",
        start_date=datetime.date(2027, 3, 1),
        end_date=datetime.date(2027, 6, 30),
        project_leader=leader,
        status="gepubliceerd",
    )
    registration = Registration.objects.create(
        circle=circle,
        first_name="Anna",
        last_name="de Vries",
        email="anna@example.org",
        organisation="wijkteam",
        team="Pernis",
        function="wijkteammedewerker",
        status="bevestigd",
    )
    session = Session.objects.create(
        circle=circle,
        number=1,
        date=datetime.date(2027, 3, 2),
        start_time=datetime.time(13),
        end_time=datetime.time(16),
    )
    session.facilitators.set([leader, facilitator])
    session.building_blocks.set(apps.get_model("buildingblocks", "BuildingBlock").objects.filter(number=6))
    apps.get_model("circle_sessions", "Attendance").objects.create(session=session, registration=registration)
    apps.get_model("circle_sessions", "AttendanceCount").objects.create(
        session=session, function="wijkteamleider", count=3
    )
    outcome = apps.get_model("circle_sessions", "Outcome").objects.create(
        session=session, central_question="Wat betekent de Wmo voor jouw professie?"
    )
    apps.get_model("circle_sessions", "Action").objects.create(
        circle=circle, session=session, description="Sociale kaart bijwerken", owner_name="Fatima"
    )
    apps.get_model("circle_sessions", "SessionReminder").objects.create(session=session, registration=registration)
    apps.get_model("reports", "Report").objects.create(kind="samenvatting", circle=circle, session=session)
    return {"session": session.pk, "outcome": outcome.pk, "circle": circle.pk}


@pytest.mark.django_db(transaction=True)
def test_sessions_and_everything_that_points_at_them_survive_the_move_to_circles() -> None:
    latest = _latest()
    try:
        ids = _old_world(_migrate(BEFORE_THE_MOVE))
        _migrate(latest)
    finally:
        _migrate(latest)

    from circles.models import Session, SessionReminder
    from reports.models import Report
    from sessions.models import Action, Attendance, AttendanceCount, Outcome

    session = Session.objects.get(pk=ids["session"])
    assert session.circle_id == ids["circle"]
    assert sorted(user.username for user in session.facilitators.all()) == ["bg-migration", "pl-migration"]
    assert [block.number for block in session.building_blocks.all()] == [6]
    attendance = Attendance.objects.select_related("registration").get(session=session)
    assert attendance.registration is not None
    assert attendance.registration.first_name == "Anna"
    assert AttendanceCount.objects.get(session=session).count == 3
    assert Outcome.objects.get(session=session).pk == ids["outcome"]
    assert session.outcome.central_question == "Wat betekent de Wmo voor jouw professie?"
    assert Action.objects.get(session=session).description == "Sociale kaart bijwerken"
    assert SessionReminder.objects.get(session=session).registration.email == "anna@example.org"
    assert Report.objects.get(session=session).circle_id == ids["circle"]
    assert Session._meta.db_table == "circles_session"


@pytest.mark.django_db(transaction=True)
def test_the_content_types_of_the_moved_models_follow_them() -> None:
    from django.contrib.contenttypes.models import ContentType

    latest = _latest()
    try:
        apps = _migrate(BEFORE_THE_MOVE)
        OldContentType = apps.get_model("contenttypes", "ContentType")
        OldContentType.objects.filter(model__in=["session", "sessionreminder"]).delete()
        old = OldContentType.objects.create(app_label="circle_sessions", model="session")
        _migrate(latest)
    finally:
        _migrate(latest)

    assert ContentType.objects.get(pk=old.pk).app_label == "circles"
    assert not ContentType.objects.filter(app_label="circle_sessions", model="session").exists()

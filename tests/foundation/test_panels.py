"""Higher apps add their parts to lower apps' pages through leerkring/core/panels.py, decided once per page."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from circles.models import Circle, Function
from circles.panels import building_block_coverage_panel
from leerkring.core import panels
from reports.models import Report
from reports.panels import circle_certificates_panel, circle_report_panel, session_report_panel
from sessions.evaluation.panels import circle_evaluation_panel
from sessions.models import AttendanceCount, Outcome
from sessions.panels import building_block_matrix_panel, circle_outcomes_panel, circle_questions_panel
from tests.factories import make_circle, make_registration, make_session


def test_each_app_registers_its_panels_for_the_pages_below_it() -> None:
    assert panels.providers("circle") == (
        circle_outcomes_panel,
        circle_questions_panel,
        circle_evaluation_panel,
        circle_report_panel,
        circle_certificates_panel,
    )
    assert panels.providers("session") == (session_report_panel,)
    assert panels.providers("building_blocks") == (building_block_coverage_panel, building_block_matrix_panel)


def test_an_unknown_page_takes_no_panels() -> None:
    with pytest.raises(ValueError, match="No page"):
        panels.register("kennisbank", circle_report_panel)  # type: ignore[arg-type]


def test_panels_are_grouped_by_slot_and_ordered() -> None:
    def late(user: User | AnonymousUser, subject: object) -> panels.Panel:
        return panels.Panel("late.html", order=30)

    def early(user: User | AnonymousUser, subject: object) -> panels.Panel:
        return panels.Panel("early.html", order=5)

    def aside(user: User | AnonymousUser, subject: object) -> panels.Panel:
        return panels.Panel("aside.html", slot="side")

    def nothing(user: User | AnonymousUser, subject: object) -> None:
        return None

    saved = panels.providers("session")
    panels._providers["session"] = []
    try:
        for provider in (late, early, aside, nothing):
            panels.register("session", provider)
        slots = panels.collect("session", AnonymousUser(), object())
    finally:
        panels._providers["session"] = list(saved)
    assert [panel.template for panel in slots["main"]] == ["early.html", "late.html"]
    assert [panel.template for panel in slots["side"]] == ["aside.html"]


def _circle(leader: User, facilitator: User, sessions: int) -> Circle:
    circle = make_circle(leader, name=f"Leerkring met {sessions}")
    make_registration(circle)
    for day in range(sessions):
        session = make_session(
            circle, datetime.date(2027, 3, 1) + datetime.timedelta(days=day), facilitators=[facilitator]
        )
        AttendanceCount.objects.create(session=session, function=Function.WIJKTEAMLEIDER, count=day + 1)
        Outcome.objects.create(session=session, status=Outcome.Status.SUBMITTED)
        Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, requested_by=leader)
    return circle


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["staf", "begeleider", "projectleider"])
def test_the_circle_page_runs_as_many_queries_for_eight_sessions_as_for_two(
    client: Client,
    projectleider: User,
    begeleider: User,
    staf: User,
    persona: str,
    django_assert_num_queries: DjangoAssertNumQueries,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    user = {"staf": staf, "begeleider": begeleider, "projectleider": projectleider}[persona]
    small, large = _circle(projectleider, begeleider, 2), _circle(projectleider, begeleider, 8)
    client.force_login(user)
    client.get(reverse("circles:detail", args=[small.code]))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("circles:detail", args=[small.code]))
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("circles:detail", args=[large.code])).content.decode()
    assert page.count("Ingediend") == 8

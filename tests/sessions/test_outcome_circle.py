"""The circle page's part: attendance and verslag status per session, and the chart, in fixed queries."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from circles.models import Circle, Function, Session
from sessions.access import may_edit_own_sessions
from sessions.models import Attendance, AttendanceCount, Outcome
from sessions.panels import circle_outcomes_panel
from sessions.selectors import MySessionRow, my_session_rows
from tests.factories import make_circle, make_registration, make_session


def _render(circle: Circle, user: User | AnonymousUser) -> str:
    request = RequestFactory().get("/")
    request.user = user
    panel = circle_outcomes_panel(user, circle)
    return render_to_string(panel.template, {"user": user, "circle": circle, **panel.context}, request=request)


def _circle_with(sessions: int, leader: User, facilitators: list[User], *, established: bool = False) -> Circle:
    """`established`: each verslag but the last established at the next session."""
    circle = make_circle(leader)
    anna = make_registration(circle)
    previous = None
    for day in range(sessions):
        session = make_session(
            circle, datetime.date(2027, 3, 1) + datetime.timedelta(days=day), facilitators=facilitators
        )
        AttendanceCount.objects.create(session=session, function=Function.WIJKTEAMLEIDER, count=day + 1)
        Attendance.objects.create(session=session, registration=anna)
        Outcome.objects.create(session=session, status=Outcome.Status.SUBMITTED)
        if established and previous is not None:
            Outcome.objects.filter(session=previous).update(
                status=Outcome.Status.ESTABLISHED, established_at_session=session, submitted_at=None
            )
        previous = session
    return circle


@pytest.mark.django_db
def test_rows_show_attendance_status_and_links_for_an_editor(
    client: Client, projectleider: User, begeleider: User
) -> None:
    circle = make_circle(projectleider)
    first = make_session(circle, datetime.date(2027, 3, 2), facilitators=[begeleider])
    second = make_session(circle, datetime.date(2027, 3, 9), facilitators=[begeleider])
    for function, count in [(Function.WIJKTEAMMEDEWERKER, 8), (Function.VRAAGWIJZERMEDEWERKER, 5)]:
        AttendanceCount.objects.create(session=first, function=function, count=count)
    Outcome.objects.create(
        session=first, status=Outcome.Status.ESTABLISHED, established_at_session=second, established_by=projectleider
    )
    client.force_login(begeleider)
    response = client.get(reverse("circles:detail", args=[circle.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'title="13 deelnemers: 8 wijkteammedewerkers en 5 vraagwijzermedewerkers">13<' in html
    assert "Besproken en vastgesteld tijdens bijeenkomst 2 op 9 maart 2027" in html
    assert "Nog geen verslag" in html
    assert f'href="/bijeenkomsten/{second.code}/verslag/">Verslag schrijven' in html
    assert f'href="/bijeenkomsten/{first.code}/verslag/">Verslag lezen' in html
    assert "<svg" in html and "<title>Wijkteammedewerker: 8</title>" in html


@pytest.mark.django_db
def test_staf_gets_read_links_only(projectleider: User, begeleider: User, staf: User) -> None:
    circle = _circle_with(1, projectleider, [begeleider])
    html = _render(circle, staf)
    assert "Verslag lezen" in html and "Verslag bewerken" not in html and "/aanwezigheid/" not in html


@pytest.mark.django_db
def test_facilitator_of_other_sessions_gets_no_link_to_this_one(
    projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = _circle_with(1, projectleider, [begeleider])
    make_session(circle, datetime.date(2027, 4, 1), facilitators=[begeleider2])
    html = _render(circle, begeleider2)
    assert html.count("/verslag/") == 1


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_sessions(
    projectleider: User, begeleider: User, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    small = _circle_with(2, projectleider, [begeleider])
    large = _circle_with(8, projectleider, [begeleider])
    _render(small, begeleider)  # warm the role cache like a real page would
    with django_assert_max_num_queries(6):
        _render(small, begeleider)
    with django_assert_max_num_queries(6):
        assert _render(large, begeleider).count("Ingediend") == 8


@pytest.mark.django_db
def test_mine_row_links_to_the_verslag_for_who_may_open_it(projectleider: User, begeleider: User) -> None:
    circle = make_circle(projectleider)
    made = make_session(circle, datetime.date(2027, 3, 2), facilitators=[begeleider])
    session = Session.objects.select_related("circle").prefetch_related("facilitators").get(pk=made.pk)

    def row(user: User | AnonymousUser) -> MySessionRow:
        [found] = my_session_rows([session], begeleider, may_edit=may_edit_own_sessions(user))
        return found

    assert (row(begeleider).outcome_url, row(begeleider).outcome_action) == (
        f"/bijeenkomsten/{session.code}/verslag/",
        "Verslag schrijven",
    )
    assert (row(AnonymousUser()).outcome_url, row(AnonymousUser()).attendance_url) == ("", "")


@pytest.mark.django_db
def test_the_whole_circle_page_costs_the_same_queries_for_2_and_8_sessions(
    client: Client,
    projectleider: User,
    begeleider: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """The page prefetches the sessions once; the attendance part adds only its figures to them."""
    small = _circle_with(2, projectleider, [begeleider])
    large = _circle_with(8, projectleider, [begeleider])
    client.force_login(projectleider)
    client.get(reverse("circles:detail", args=[small.code]))
    # + 1: the deelvragen of the thread of learning questions (test_learning_questions.py).
    with django_assert_max_num_queries(21) as few:
        client.get(reverse("circles:detail", args=[small.code]))
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("circles:detail", args=[large.code])).content.decode()
    assert page.count("Ingediend") == 8


@pytest.mark.django_db
def test_established_verslagen_name_their_session_without_a_query_each(
    client: Client,
    projectleider: User,
    begeleider: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    small = _circle_with(2, projectleider, [begeleider], established=True)
    large = _circle_with(8, projectleider, [begeleider], established=True)
    client.force_login(projectleider)
    client.get(reverse("circles:detail", args=[small.code]))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("circles:detail", args=[small.code]))
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("circles:detail", args=[large.code])).content.decode()
    assert page.count("Besproken en vastgesteld tijdens bijeenkomst") == 7
    assert "Besproken en vastgesteld tijdens bijeenkomst 8 op 8 maart 2027" in page

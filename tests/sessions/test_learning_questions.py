"""The circle page's thread of learning questions: each session's centrale vraag and deelvragen,
first to last, with what was established, only of verslagen the user may read, in fixed queries."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags
from pytest_django import DjangoAssertNumQueries

from circles.models import Circle, Session
from sessions.models import Outcome, SubQuestion
from tests.factories import make_circle, make_session

pytestmark = pytest.mark.django_db


def _verslag(session: Session, question: str, subquestions: list[str], **fields: object) -> Outcome:
    outcome = Outcome.objects.create(session=session, central_question=question, **fields)
    for position, text in enumerate(subquestions):
        SubQuestion.objects.create(outcome=outcome, text=text, position=position)
    return outcome


def _thread(client: Client, circle: Circle) -> str:
    page = client.get(reverse("circles:detail", args=[circle.code])).content.decode()
    found = re.search(r'<section class="mt-4" aria-labelledby="questions-title">(.*?)</section>', page, re.S)
    assert found is not None
    return " ".join(unescape(strip_tags(found.group(1))).split())


def _three_sessions(leader: User, begeleider: User, other: User) -> tuple[Circle, list[Session]]:
    circle = make_circle(leader)
    sessions = [
        make_session(circle, datetime.date(2027, 3, 2), facilitators=[begeleider]),
        make_session(circle, datetime.date(2027, 3, 9), facilitators=[begeleider]),
        make_session(circle, datetime.date(2027, 3, 16), facilitators=[other]),
    ]
    _verslag(
        sessions[0],
        "Wat betekent de Wmo voor jouw professie?",
        ["Waar loop je tegenaan?", "Wat heb je nodig?"],
        status=Outcome.Status.ESTABLISHED,
        established_at_session=sessions[1],
    )
    _verslag(sessions[1], "Hoe werk je samen met de vraagwijzer?", ["Wie doet wat?"], status=Outcome.Status.SUBMITTED)
    return circle, sessions


def test_the_thread_shows_each_sessions_questions_in_order_with_what_was_established(
    client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle, _ = _three_sessions(projectleider, begeleider, begeleider2)
    client.force_login(projectleider)
    assert _thread(client, circle) == (
        "Leervragen door de tijd "
        "De centrale vraag en de deelvragen van elke bijeenkomst, van de eerste tot de laatste, "
        "met wat is vastgesteld. "
        "Bijeenkomst 1 · 2 maart 2027 Centrale vraag: Wat betekent de Wmo voor jouw professie? "
        "Deelvragen Waar loop je tegenaan? Wat heb je nodig? "
        "Vastgesteld Besproken en vastgesteld tijdens bijeenkomst 2 op 9 maart 2027 "
        "Bijeenkomst 2 · 9 maart 2027 Centrale vraag: Hoe werk je samen met de vraagwijzer? "
        "Deelvragen Wie doet wat? Nog niet vastgesteld "
        "Bijeenkomst 3 · 16 maart 2027 Nog geen verslag"
    )


def test_a_begeleider_reads_the_verslagen_they_may_and_one_of_another_circle_sees_nothing(
    client: Client, projectleider: User, begeleider: User, begeleider2: User, outsider: User
) -> None:
    circle, sessions = _three_sessions(projectleider, begeleider, begeleider2)
    _verslag(sessions[2], "Wat leerde de derde bijeenkomst?", [], status=Outcome.Status.CONCEPT)
    # begeleider2 guides session 3 only: the established verslag (intern, the circle's people) is
    # theirs to read, the submitted one of session 2 is not.
    client.force_login(begeleider2)
    thread = _thread(client, circle)
    assert "Wat betekent de Wmo" in thread and "Wat leerde de derde bijeenkomst?" in thread
    assert "Hoe werk je samen" not in thread and "Wie doet wat?" not in thread
    assert "Bijeenkomst 2 · 9 maart 2027 U kunt het verslag van deze bijeenkomst niet lezen." in thread

    other = make_circle(projectleider, name="Andere leerkring")
    make_session(other, datetime.date(2027, 3, 2), facilitators=[begeleider2])
    client.force_login(begeleider)
    response = client.get(reverse("circles:detail", args=[other.code]))
    assert response.status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("circles:detail", args=[circle.code])).status_code in (403, 404)


def _circle_with(sessions: int, leader: User, begeleider: User) -> Circle:
    circle = make_circle(leader, name=f"Leerkring met {sessions}")
    previous = None
    for day in range(sessions):
        date = datetime.date(2027, 3, 1) + datetime.timedelta(days=7 * day)
        session = make_session(circle, date, facilitators=[begeleider])
        if previous is not None:
            established = {"status": Outcome.Status.ESTABLISHED, "established_at_session": session}
            Outcome.objects.filter(session=previous).update(**established)
        _verslag(session, f"Vraag {day + 1}", [f"Deelvraag {day + 1}a", f"Deelvraag {day + 1}b"])
        previous = session
    return circle


def test_the_circle_page_costs_the_same_queries_at_2_and_8_sessions(
    client: Client,
    projectleider: User,
    begeleider: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    small, large = _circle_with(2, projectleider, begeleider), _circle_with(8, projectleider, begeleider)
    client.force_login(begeleider)
    with django_assert_max_num_queries(60) as two:
        thread = _thread(client, small)
    assert thread.count("Deelvraag") == 4
    with django_assert_num_queries(len(two.captured_queries)):
        thread = _thread(client, large)
    assert [int(n) for n in re.findall(r"Vraag (\d)", thread)] == list(range(1, 9))
    assert thread.count("Besproken en vastgesteld tijdens bijeenkomst") == 7

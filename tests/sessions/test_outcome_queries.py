"""The verslag editor runs the same number of queries however many actions or sessions there are."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from circles.models import Session
from sessions.models import Action, Attendance, Outcome
from tests.factories import circle_with_sessions, make_registration, make_session
from tests.pages import form_data

pytestmark = pytest.mark.django_db


def _url(session: Session) -> str:
    return f"/bijeenkomsten/{session.code}/verslag/"


def _with_actions(projectleider: User, begeleider: User, count: int) -> Session:
    circle, sessions = circle_with_sessions(projectleider, [begeleider], count=4)
    session = sessions[0]
    Outcome.objects.create(session=session, central_question="Wat is de opbrengst?")
    Action.objects.bulk_create(
        Action(
            circle=circle,
            session=session,
            description=f"Actie {n}",
            owner_name="Fatima el Amrani",
            due_session=sessions[1 + n % 3],
        )
        for n in range(count)
    )
    return session


def _queries_of_page(client: Client, session: Session) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(session))
    assert response.status_code == 200
    assert response.content.decode().count('name="actie-') > 0
    return len(queries)


def _queries_of_refused_post(client: Client, session: Session) -> int:
    data = form_data(client.get(_url(session)).content.decode(), _url(session))
    data["actie-0-description"] = ""  # required: the editor is validated and shown again
    with CaptureQueriesContext(connection) as queries:
        response = client.post(_url(session), {**data, "opslaan": ""})
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    return len(queries)


def test_the_verslag_page_with_2_or_20_actions_runs_the_same_queries(
    client: Client, projectleider: User, begeleider: User
) -> None:
    few = _with_actions(projectleider, begeleider, 2)
    many = _with_actions(projectleider, begeleider, 20)
    client.force_login(begeleider)
    client.get(_url(few))  # warm up the session and role caches

    assert _queries_of_page(client, many) == _queries_of_page(client, few)
    assert _queries_of_refused_post(client, many) == _queries_of_refused_post(client, few)


def test_the_verslag_page_with_2_or_20_present_runs_the_same_queries(
    client: Client, projectleider: User, begeleider: User
) -> None:
    """The attendance sentence counts in the database, not per participant."""
    few, many = _with_actions(projectleider, begeleider, 2), _with_actions(projectleider, begeleider, 2)
    for session, count in ((few, 2), (many, 20)):
        for n in range(count):
            registration = make_registration(session.circle, f"deelnemer{n}@example.org")
            Attendance.objects.create(session=session, registration=registration, present=True)
    client.force_login(begeleider)
    client.get(_url(few))

    assert "20 deelnemers" in client.get(_url(many)).content.decode()
    assert _queries_of_page(client, many) == _queries_of_page(client, few)


def test_an_action_keeps_its_due_session_and_a_new_row_proposes_the_next_session(
    client: Client, projectleider: User, begeleider: User
) -> None:
    session = _with_actions(projectleider, begeleider, 2)
    later = list(Session.objects.filter(circle=session.circle, number__gt=session.number).order_by("number"))
    client.force_login(begeleider)

    data = form_data(client.get(_url(session)).content.decode(), _url(session))

    assert [data["actie-0-due_session"], data["actie-1-due_session"]] == [str(later[0].pk), str(later[1].pk)]
    assert data["actie-2-due_session"] == str(later[0].pk)


def test_a_new_verslag_with_4_or_12_sessions_runs_the_same_queries(
    client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    _circle, short = circle_with_sessions(projectleider, [begeleider, begeleider2], count=4)
    circle, long = circle_with_sessions(projectleider, [begeleider, begeleider2], count=4)
    for week in range(8):
        make_session(circle, datetime.date(2027, 6, 1) + datetime.timedelta(weeks=week), facilitators=[begeleider])
    client.force_login(begeleider)
    client.get(_url(short[1]))

    assert _queries_of_page(client, long[0]) == _queries_of_page(client, short[0])
    page = client.get(_url(long[0])).content.decode()
    assert "in samenwerking met Berry van den Bos en Henk Koetsveld" in page

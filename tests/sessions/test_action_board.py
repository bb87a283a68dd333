"""The actions board and "Uw open acties" on Mijn bijeenkomsten, as users see them."""

from __future__ import annotations

import datetime
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from circles.models import Circle, Session
from sessions.models import Action
from tests.factories import circle_with_sessions, on_the_day

pytestmark = pytest.mark.django_db


def _action(
    circle: Circle, session: Session, description: str, owner: str, due: Session | None = None, **f: object
) -> Action:
    return Action.objects.create(
        circle=circle, session=session, description=description, owner_name=owner, due_session=due, **f
    )


def _page(client: Client, url: str = "/bijeenkomsten/acties/", **params: str) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return unescape(response.content.decode())


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> tuple[Circle, list[Session]]:
    """Sessions on 2, 9, 16 and 23 March 2027, guided by `begeleider`."""
    return circle_with_sessions(projectleider, [begeleider], count=4)


def test_the_board_lists_open_actions_by_due_session_and_marks_overdue_ones(
    client: Client, circle: tuple[Circle, list[Session]], staf: User
) -> None:
    leerkring, sessions = circle
    _action(leerkring, sessions[0], "Sociale kaart bijwerken", "Fatima el Amrani", sessions[3])
    _action(leerkring, sessions[0], "Casus voorbereiden", "Bram de Wit", sessions[1])
    _action(leerkring, sessions[0], "Al gedaan", "Bram de Wit", sessions[1], status=Action.Status.DONE)
    _action(leerkring, sessions[1], "Zonder termijn", "Anna de Vries")
    with on_the_day(datetime.date(2027, 3, 12)):
        client.force_login(staf)
        page = _page(client)
    assert "3 open acties" in page
    assert "Al gedaan" not in page
    assert page.index("Casus voorbereiden") < page.index("Sociale kaart bijwerken") < page.index("Zonder termijn")
    overdue_row = page[page.index("Casus voorbereiden") : page.index("Sociale kaart bijwerken")]
    assert "Te laat" in overdue_row
    assert "Te laat" not in page[page.index("Sociale kaart bijwerken") :]


def test_by_owner_groups_the_actions_of_each_owner(
    client: Client, circle: tuple[Circle, list[Session]], projectleider: User
) -> None:
    leerkring, sessions = circle
    _action(leerkring, sessions[0], "Eerste van Bram", "Bram de Wit", sessions[2])
    _action(leerkring, sessions[0], "Actie van Anna", "Anna de Vries", sessions[1])
    _action(leerkring, sessions[1], "Tweede van Bram", "Bram de Wit", sessions[3])
    client.force_login(projectleider)
    page = _page(client, ordenen="eigenaar")
    assert page.index("Anna de Vries") < page.index("Actie van Anna") < page.index("Bram de Wit")
    assert page.index("Eerste van Bram") < page.index("Tweede van Bram")
    only_bram = _page(client, eigenaar="bram")
    assert "Actie van Anna" not in only_bram and "2 open acties" in only_bram


def test_by_owner_sorts_by_surname_without_the_tussenvoegsel(
    client: Client, circle: tuple[Circle, list[Session]], projectleider: User
) -> None:
    """As in a Dutch phone book: Bos, Bosch, Groot, Koetsveld, Yılmaz — the same order as the
    circle's participant lists, whatever the database's collation."""
    leerkring, sessions = circle
    for owner in ["Ayşe Yılmaz", "Sandra de Groot", "Anton Bosch", "Henk Koetsveld", "Berry van den Bos"]:
        _action(leerkring, sessions[0], f"Actie van {owner}", owner, sessions[1])
    client.force_login(projectleider)
    page = _page(client, ordenen="eigenaar")
    order = ["Berry van den Bos", "Anton Bosch", "Sandra de Groot", "Henk Koetsveld", "Ayşe Yılmaz"]
    positions = [page.index(f"Actie van {owner}") for owner in order]
    assert positions == sorted(positions)


def test_a_facilitator_sees_only_actions_of_sessions_they_guide(
    client: Client, circle: tuple[Circle, list[Session]], projectleider2: User, begeleider: User, begeleider2: User
) -> None:
    leerkring, sessions = circle
    _action(leerkring, sessions[0], "Zichtbaar voor de begeleider", "Anna de Vries")
    other, other_sessions = circle_with_sessions(projectleider2, [begeleider2], count=1)
    _action(other, other_sessions[0], "Van een andere leerkring", "Anna de Vries")
    client.force_login(begeleider)
    page = _page(client)
    assert "Zichtbaar voor de begeleider" in page and "Van een andere leerkring" not in page
    client.force_login(begeleider2)
    page = _page(client)
    assert "Van een andere leerkring" in page and "Zichtbaar voor de begeleider" not in page


def test_mijn_bijeenkomsten_shows_the_facilitators_own_open_actions(
    client: Client, circle: tuple[Circle, list[Session]], begeleider: User
) -> None:
    leerkring, sessions = circle
    name = begeleider.get_full_name()
    _action(leerkring, sessions[0], "Mijn eigen actie", name.upper(), sessions[1])
    _action(leerkring, sessions[0], "Actie van een deelnemer", "Anna de Vries", sessions[1])
    _action(leerkring, sessions[0], "Mijn afgeronde actie", name, sessions[1], status=Action.Status.DONE)
    with on_the_day(datetime.date(2027, 3, 1)):
        client.force_login(begeleider)
        page = _page(client, "/bijeenkomsten/mijn/")
    section = page[page.index("Uw open acties") :]
    assert "Mijn eigen actie" in section
    assert "Actie van een deelnemer" not in section
    assert "Mijn afgeronde actie" not in section


def _board_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        _page(client, ordenen="eigenaar")
    return len(queries)


@pytest.mark.parametrize("persona", ["staf", "begeleider"])
def test_the_board_runs_the_same_queries_for_few_and_many_actions(
    client: Client, projectleider: User, begeleider: User, staf: User, persona: str
) -> None:
    client.force_login({"staf": staf, "begeleider": begeleider}[persona])

    def add(count: int) -> None:
        leerkring, sessions = circle_with_sessions(projectleider, [begeleider], count=3)
        Action.objects.bulk_create(
            Action(
                circle=leerkring,
                session=sessions[0],
                description=f"Actie {n}",
                owner_name=f"Eigenaar {n % 7}",
                due_session=sessions[1 + n % 2],
            )
            for n in range(count)
        )

    add(2)
    few = _board_queries(client)
    add(80)
    add(80)
    assert _board_queries(client) == few


def test_mijn_bijeenkomsten_links_to_the_board_when_more_are_open(
    client: Client, circle: tuple[Circle, list[Session]], begeleider: User
) -> None:
    leerkring, sessions = circle
    for n in range(11):
        _action(leerkring, sessions[0], f"Actie {n:02d}", begeleider.get_full_name(), sessions[1])
    with on_the_day(datetime.date(2027, 3, 1)):
        client.force_login(begeleider)
        page = _page(client, "/bijeenkomsten/mijn/")
    assert page.count("afgesproken in bijeenkomst 1") == 10
    assert "Al uw open acties bekijken" in page

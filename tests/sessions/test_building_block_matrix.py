"""The bouwstenen × period matrix on the bouwstenen page: counts per bouwsteen and year, each
leading to the overview of circles or the kennisbank with the same filter, in fixed queries."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from buildingblocks.models import BuildingBlock
from circles.models import Circle, Registration
from sessions.models import Outcome
from tests.factories import make_circle, make_registration, make_session

pytestmark = pytest.mark.django_db


def _established(session_date: datetime.date, circle: Circle, **fields: object) -> Outcome:
    session = make_session(circle, session_date)
    return Outcome.objects.create(session=session, status=Outcome.Status.ESTABLISHED, **fields)


def _small_world(leader: User, begeleider: User) -> None:
    """2025: two circles on bouwsteen 3 (one through a session), 2026: one on 3 and 5, one cancelled."""
    spring = make_circle(leader, name="Lente", building_blocks=[3], start_date=datetime.date(2025, 3, 1))
    first = make_session(spring, datetime.date(2025, 3, 4), facilitators=[begeleider])
    make_session(spring, datetime.date(2025, 4, 1))
    make_registration(spring, "a@example.org")
    make_registration(spring, "b@example.org")
    make_registration(spring, "c@example.org", status=Registration.Status.WAITLIST)
    Outcome.objects.create(session=first, status=Outcome.Status.ESTABLISHED)
    _established(datetime.date(2025, 5, 6), spring, publication=Outcome.Publication.WERKPLAATS)
    Outcome.objects.create(session=make_session(spring, datetime.date(2025, 6, 3)), status=Outcome.Status.SUBMITTED)
    via_session = make_circle(leader, name="Via bijeenkomst", building_blocks=[], start_date=datetime.date(2025, 9, 1))
    make_session(via_session, datetime.date(2025, 9, 2)).building_blocks.set(BuildingBlock.objects.filter(number=3))
    autumn = make_circle(leader, name="Najaar", building_blocks=[3, 5], start_date=datetime.date(2026, 2, 1))
    make_registration(autumn, "d@example.org")
    _established(datetime.date(2026, 2, 3), autumn)
    cancelled = make_circle(leader, name="Afgelast", building_blocks=[3], start_date=datetime.date(2026, 3, 1))
    Circle.objects.filter(pk=cancelled.pk).update(status=Circle.Status.CANCELLED)
    make_registration(cancelled, "e@example.org")


def _matrix(client: Client) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    matrix = client.get("/bouwstenen/").context["matrix"]
    return {
        (row.block.number, cell.year): (cell.circles, cell.sessions, cell.participants, cell.established)
        for row in matrix.rows
        for cell in row.cells
    }


def test_each_cell_counts_circles_sessions_participants_and_established_verslagen(
    client: Client, projectleider: User, begeleider: User
) -> None:
    _small_world(projectleider, begeleider)
    client.force_login(projectleider)
    counts = _matrix(client)
    assert client.get("/bouwstenen/").context["matrix"].years == [2025, 2026]
    # Lente: 4 sessions, 2 confirmed, 2 established; Via bijeenkomst: 1 session (its verslagen
    # count where the kennisbank finds them: under the circle's own bouwstenen).
    assert counts[(3, 2025)] == (2, 5, 2, 2)
    assert counts[(3, 2026)] == (1, 1, 1, 1)  # the cancelled circle does not count
    assert counts[(5, 2026)] == (1, 1, 1, 1)
    assert counts[(5, 2025)] == (0, 0, 0, 0)
    assert len(counts) == 8 * 2


def test_a_begeleider_counts_only_the_circles_they_guide_and_the_verslagen_they_may_read(
    client: Client, projectleider: User, begeleider: User
) -> None:
    _small_world(projectleider, begeleider)
    client.force_login(begeleider)
    counts = _matrix(client)
    # Lente only; of its verslagen the one intern to the circle, and the Werkplaats one.
    assert counts[(3, 2025)] == (1, 4, 2, 2)
    assert (3, 2026) not in counts


def test_the_counts_link_to_the_overview_and_the_kennisbank_with_the_same_filters(
    client: Client, projectleider: User, begeleider: User
) -> None:
    _small_world(projectleider, begeleider)
    client.force_login(projectleider)
    page = client.get("/bouwstenen/").content.decode()
    block = BuildingBlock.objects.get(number=3)
    overview = f"/leerkringen/?bouwsteen={block.pk}&jaar=2025&status=niet-geannuleerd"
    assert f'<a href="{overview.replace("&", "&amp;")}">2 leerkringen</a>' in page
    assert f'<a href="{overview.replace("&", "&amp;")}">5 bijeenkomsten</a>' in page
    assert f'<a href="{overview.replace("&", "&amp;")}">2 deelnemers</a>' in page
    assert '<a href="/kennisbank/?bouwsteen=3&amp;jaar=2025">2 verslagen</a>' in page
    caption = "Leerkringen, bijeenkomsten, deelnemers en vastgestelde verslagen per bouwsteen en jaar"
    assert f"<caption>{caption}</caption>" in page
    assert '<th scope="row">3. ' in page and '<th scope="col" class="text-nowrap">2026</th>' in page

    listed = client.get(overview).content.decode()
    assert "Lente" in listed and "Via bijeenkomst" in listed and "Najaar" not in listed
    cancelled = client.get(f"/leerkringen/?bouwsteen={block.pk}&jaar=2026&status=niet-geannuleerd").content.decode()
    assert "Najaar" in cancelled and "Afgelast" not in cancelled
    found = client.get("/kennisbank/?bouwsteen=3&jaar=2025").context["page"].paginator.count
    assert found == 2


def test_people_without_the_overview_see_no_matrix(client: Client, outsider: User) -> None:
    client.force_login(outsider)
    assert "matrix" not in client.get("/bouwstenen/").context


def _many(leader: User, per_year: int) -> None:
    for year in range(2021, 2027):
        for n in range(per_year):
            circle = make_circle(
                leader, name=f"{year}-{n}", building_blocks=[n % 8 + 1, 2], start_date=datetime.date(year, 3, 1)
            )
            make_registration(circle)
            _established(datetime.date(year, 4, 1), circle)


def test_the_matrix_costs_the_same_queries_and_shows_five_years_at_any_size(
    client: Client,
    projectleider: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client.force_login(projectleider)
    _many(projectleider, 1)
    with django_assert_max_num_queries(25) as few:
        small = client.get("/bouwstenen/")
    _many(projectleider, 6)
    with django_assert_num_queries(len(few.captured_queries)):
        large = client.get("/bouwstenen/")
    assert small.context["matrix"].years == large.context["matrix"].years == [2022, 2023, 2024, 2025, 2026]
    cells = re.findall(r'<td data-label="2026">', unescape(large.content.decode()))
    assert len(cells) == 8
    assert _matrix(client)[(2, 2026)] == (7, 7, 7, 7)


def test_a_repeated_view_reads_the_figures_back_and_each_change_shows_at_once(
    client: Client, projectleider: User, begeleider: User
) -> None:
    """Counting reads every circle of the years shown; between two changes a view reads the cached
    figures back, and a new sign-up, a promotion or an established verslag moves them on at once."""
    _small_world(projectleider, begeleider)
    client.force_login(projectleider)
    assert _matrix(client)[(3, 2025)] == (2, 5, 2, 2)
    with CaptureQueriesContext(connection) as first:
        client.get("/bouwstenen/")
    lente = Circle.objects.get(name="Lente")
    make_registration(lente, "f@example.org")
    assert _matrix(client)[(3, 2025)] == (2, 5, 3, 2)
    waiting = Registration.objects.get(email="c@example.org")
    waiting.status = Registration.Status.CONFIRMED
    waiting.save()
    assert _matrix(client)[(3, 2025)] == (2, 5, 4, 2)
    submitted = Outcome.objects.get(status=Outcome.Status.SUBMITTED)
    submitted.status = Outcome.Status.ESTABLISHED
    submitted.save()
    with CaptureQueriesContext(connection) as counted:
        assert _matrix(client)[(3, 2025)] == (2, 5, 4, 3)
    with CaptureQueriesContext(connection) as again:
        client.get("/bouwstenen/")
    assert len(again.captured_queries) == len(first.captured_queries)
    # Read back: none of the matrix's seven counting queries, nor the coverage's own.
    assert len(again.captured_queries) <= len(counted.captured_queries) - 7

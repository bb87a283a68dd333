"""The project leader's overview of circles, and the bouwstenen coverage."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from buildingblocks.models import BuildingBlock
from circles.models import Circle, Registration
from circles.services.planning import circle_change_status
from tests.factories import MARCH, first_session, make_circle, make_registration, make_session
from tests.redis_server import free_port

pytestmark = pytest.mark.django_db


def names(client: Client, query: str = "") -> list[str]:
    response = client.get(f"/leerkringen/{query}")
    return [circle.name for circle in response.context["page"].object_list]


def many_circles(project_leader: User, facilitators: list[User], count: int) -> None:
    for n in range(count):
        circle = make_circle(project_leader, name=f"Leerkring {n:02d}", building_blocks=[1, 2])
        for day in (2, 9):
            make_session(circle, datetime.date(2027, 3, day), "09:00" if n % 2 else "13:00", facilitators=[])
        first_session(circle).facilitators.set(facilitators)
        make_registration(circle, email=f"a{n}@example.org")


@time_machine.travel(datetime.datetime(2027, 3, 5, 12, 0), tick=False)
def test_each_row_shows_sessions_sign_ups_and_the_next_session(
    client: Client, projectleider: User, begeleider: User
) -> None:
    circle = make_circle(projectleider, name="Leerkring Charlois", capacity=20)
    for date in MARCH:
        make_session(circle, date, facilitators=[begeleider])
    make_registration(circle, email="a@example.org")
    make_registration(circle, email="b@example.org")
    make_registration(circle, email="c@example.org", status=Registration.Status.WAITLIST)
    client.force_login(projectleider)
    page = client.get("/leerkringen/").content.decode()
    row = page[page.index("Leerkring Charlois") :]
    row = row[: row.index("</tr>")]
    assert '<td class="text-end" data-label="Bijeenkomsten">4</td>' in row
    assert "2 van 20" in row
    assert "9 maart 2027" in row  # 2 March is past


def test_the_list_runs_a_fixed_number_of_queries(
    client: Client,
    projectleider: User,
    begeleider: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """Session, user, roles, count, page, and the two filter dropdowns: never one per row."""
    client.force_login(projectleider)
    many_circles(projectleider, [begeleider], 5)
    with django_assert_max_num_queries(7) as few:
        assert len(names(client)) == 5
    many_circles(projectleider, [begeleider], 45)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(names(client)) == 20
    block = BuildingBlock.objects.get(number=2).pk
    with django_assert_num_queries(len(few.captured_queries) + 1):
        # + validating the chosen bouwsteen
        assert len(names(client, f"?pagina=3&bouwsteen={block}&q=Leerkring")) == 10


def test_filters(client: Client, projectleider: User, begeleider: User, begeleider2: User) -> None:
    blocks = {b.number: b for b in BuildingBlock.objects.all()}
    autumn = make_circle(
        projectleider, name="Herfst", start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 12, 1)
    )
    spring = make_circle(
        projectleider,
        name="Lente",
        kind=Circle.Kind.OP_MAAT,
        status=Circle.Status.PUBLISHED,
        building_blocks=[4],
    )
    make_session(spring, MARCH[0], facilitators=[begeleider])
    session = make_session(autumn, datetime.date(2026, 10, 1), facilitators=[begeleider2])
    session.building_blocks.set([blocks[7]])
    client.force_login(projectleider)

    assert names(client) == ["Lente", "Herfst"]
    assert names(client, "?q=lent") == ["Lente"]
    assert names(client, "?status=gepubliceerd") == ["Lente"]
    assert names(client, "?kind=op_maat") == ["Lente"]
    assert names(client, f"?bouwsteen={blocks[4].pk}") == ["Lente"]
    assert names(client, f"?bouwsteen={blocks[7].pk}") == ["Herfst"]  # through a session's own bouwsteen
    assert names(client, f"?begeleider={begeleider2.pk}") == ["Herfst"]
    assert names(client, "?vanaf=2027-01-01") == ["Lente"]
    assert names(client, "?tot=2026-12-31") == ["Herfst"]
    assert names(client, "?vanaf=2026-11-15&tot=2027-03-01") == ["Lente", "Herfst"]
    page = client.get("/leerkringen/?q=bestaatniet").content.decode()
    assert "Geen leerkringen gevonden met deze filters." in page


def test_a_facilitator_filter_does_not_skew_the_counts(client: Client, projectleider: User, begeleider: User) -> None:
    circle = make_circle(projectleider)
    make_session(circle, MARCH[0], facilitators=[begeleider])
    make_session(circle, MARCH[1], facilitators=[])
    client.force_login(projectleider)
    response = client.get(f"/leerkringen/?begeleider={begeleider.pk}")
    assert [c.session_count for c in response.context["page"].object_list] == [2]


def test_a_begeleider_sees_only_the_circles_they_guide(
    client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    mine = make_circle(projectleider, name="Mijn kring")
    make_session(mine, MARCH[0], facilitators=[begeleider])
    make_session(mine, MARCH[1], facilitators=[begeleider])
    make_circle(projectleider, name="Andere kring")
    client.force_login(begeleider)
    assert names(client) == ["Mijn kring"]
    assert "Nieuwe leerkring" not in client.get("/leerkringen/").content.decode()


def test_an_empty_list_invites_the_first_circle(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    page = client.get("/leerkringen/").content.decode()
    assert "Er zijn nog geen leerkringen." in page
    assert "Maak de eerste leerkring." in page


def test_the_bouwstenen_page_shows_which_circles_work_on_each(
    client: Client, projectleider: User, begeleider: User
) -> None:
    circle = make_circle(projectleider, name="Leerkring Pernis", building_blocks=[2])
    session = make_session(circle, MARCH[0], facilitators=[begeleider])
    session.building_blocks.set(BuildingBlock.objects.filter(number=6))
    make_circle(projectleider, name="Geannuleerd", status=Circle.Status.CANCELLED, building_blocks=[2])
    client.force_login(projectleider)
    coverage = {
        item.block.number: [c.name for c in item.recent] for item in client.get("/bouwstenen/").context["coverage"]
    }
    assert coverage == {1: [], 2: ["Leerkring Pernis"], 3: [], 4: [], 5: [], 6: ["Leerkring Pernis"], 7: [], 8: []}
    page = client.get("/bouwstenen/").content.decode()
    assert "Nog geen leerkring werkt aan deze bouwsteen." in page
    assert f'href="/leerkringen/{circle.code}/">Leerkring Pernis</a>' in page


START = datetime.date(2027, 1, 1)


def _bouwstenen_rows(client: Client) -> int:
    page = client.get("/bouwstenen/").content.decode()
    return page.count('href="/leerkringen/') - page.count('href="/leerkringen/?')


def test_the_bouwstenen_page_shows_as_many_rows_and_queries_for_100_circles_as_for_10(
    client: Client,
    projectleider: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """Counts and the five most recent circles per bouwsteen; the rest through the filtered overview."""
    client.force_login(projectleider)
    for n in range(10):
        make_circle(projectleider, name=f"Leerkring {n:03d}", building_blocks=range(1, 9), start_date=START)
    # 16, and 7 for the bouwstenen × period matrix (tests/sessions/test_building_block_matrix.py).
    with django_assert_max_num_queries(23) as ten:
        rows_at_ten = _bouwstenen_rows(client)
    # Nothing changed: the figures come from the cache, one query for the circles shown.
    with django_assert_max_num_queries(len(ten.captured_queries) - 8) as ten_again:
        assert _bouwstenen_rows(client) == rows_at_ten
    for n in range(10, 100):
        circle = make_circle(projectleider, name=f"Leerkring {n:03d}", building_blocks=[1, 2, n % 8 + 1])
        make_session(circle, datetime.date(2027, 3, 2)).building_blocks.set(BuildingBlock.objects.filter(number=6))

    # The changes are seen at once, at the same cost; then from the cache again.
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get("/bouwstenen/")
    with django_assert_num_queries(len(ten_again.captured_queries)):
        client.get("/bouwstenen/")
    assert _bouwstenen_rows(client) == rows_at_ten
    coverage = {item.block.number: item for item in response.context["coverage"]}
    assert (coverage[1].count, len(coverage[1].recent), coverage[1].more) == (100, 5, 95)
    page = response.content.decode()
    block = BuildingBlock.objects.get(number=1)
    assert f'href="/leerkringen/?bouwsteen={block.pk}">Alle 100 leerkringen over {block.name}</a>' in page


def test_the_bouwstenen_page_follows_a_cancellation_and_a_new_facilitator_at_once(
    client: Client, projectleider: User, begeleider: User
) -> None:
    circle = make_circle(projectleider, name="Leerkring Eigen kracht", building_blocks=[1], start_date=START)
    session = make_session(circle, datetime.date(2027, 3, 2))
    client.force_login(begeleider)
    assert "Leerkring Eigen kracht" not in client.get("/bouwstenen/").content.decode()
    session.facilitators.add(begeleider)
    assert "Leerkring Eigen kracht" in client.get("/bouwstenen/").content.decode()

    client.force_login(projectleider)
    assert "Leerkring Eigen kracht" in client.get("/bouwstenen/").content.decode()
    circle_change_status(circle=circle, to_status=Circle.Status.CANCELLED, by=projectleider)
    assert "Leerkring Eigen kracht" not in client.get("/bouwstenen/").content.decode()


def test_the_bouwstenen_page_works_with_the_shared_cache_unreachable(
    client: Client, projectleider: User, settings: Any
) -> None:
    make_circle(projectleider, name="Leerkring Eigen kracht", building_blocks=[1], start_date=START)
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    client.force_login(projectleider)
    assert "Leerkring Eigen kracht" in client.get("/bouwstenen/").content.decode()


def test_visitors_see_the_bouwstenen_without_circles(client: Client, projectleider: User) -> None:
    make_circle(projectleider, name="Leerkring Pernis", building_blocks=[2])
    page = client.get("/bouwstenen/").content.decode()
    assert "Relatie tussen aansturend beleid en uitvoering" in page
    assert "Leerkring Pernis" not in page

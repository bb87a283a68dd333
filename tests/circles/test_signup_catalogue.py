"""The public catalogue at /: open circles, filters, empty states, pagination, fixed query count."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buildingblocks.models import BuildingBlock
from circles.models import Circle
from tests.factories import first_session, make_circle, make_registration, make_session, open_circle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]


def test_shows_open_circles_with_what_a_professional_scans_for(client: Client, projectleider: User) -> None:
    circle = open_circle(projectleider, capacity=3, building_blocks=[5, 6], kind=Circle.Kind.OP_MAAT)
    make_registration(circle)
    html = client.get("/").content.decode()
    assert circle.name in html and reverse("circles:public_detail", args=[circle.code]) in html
    assert "Leerkring op maat" in html
    assert "Samenwerking in een interdisciplinair team" in html
    assert "1 maart 2027 – 30 juni 2027" in html
    assert "di 2 mrt, di 9 mrt, di 16 mrt, di 23 mrt" in html
    assert "Museumpark 40, Rotterdam" in html
    assert "Nog 2 plaatsen" in html
    assert "Samen leren in een leerkring" in html  # the intro stays


def test_full_circle_says_waiting_list(client: Client, projectleider: User) -> None:
    circle = open_circle(projectleider, capacity=1)
    make_registration(circle)
    assert "Vol – wachtlijst" in client.get("/").content.decode()


def test_hides_concept_closed_and_ended_circles(client: Client, projectleider: User) -> None:
    make_circle(projectleider, name="Nog in concept")
    make_circle(projectleider, name="Gesloten kring", status=Circle.Status.CLOSED)
    make_circle(
        projectleider,
        name="Afgelopen kring",
        status=Circle.Status.PUBLISHED,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 3, 1),
    )
    html = client.get("/").content.decode()
    assert "Er staan op dit moment geen leerkringen open voor aanmelding." in html
    for name in ("Nog in concept", "Gesloten kring", "Afgelopen kring"):
        assert name not in html


def test_filters_on_bouwsteen_soort_and_period(client: Client, projectleider: User) -> None:
    spring = open_circle(projectleider, name="Voorjaarskring", building_blocks=[1])
    autumn = open_circle(
        projectleider,
        name="Najaarskring",
        building_blocks=[7],
        kind=Circle.Kind.OP_MAAT,
        start_date=datetime.date(2027, 9, 1),
        end_date=datetime.date(2027, 12, 15),
    )
    block7 = BuildingBlock.objects.get(number=7)
    html = client.get(f"/?bouwsteen={block7.pk}").content.decode()
    assert autumn.name in html and spring.name not in html
    html = client.get("/?soort=thema").content.decode()
    assert spring.name in html and autumn.name not in html


def test_period_filter_keeps_circles_running_in_that_month(client: Client, projectleider: User) -> None:
    open_circle(projectleider, name="Voorjaarskring")
    import time_machine

    with time_machine.travel(datetime.datetime(2027, 1, 10, 12, 0, tzinfo=datetime.UTC)):
        html = client.get("/?periode=2027-04").content.decode()
        assert "Voorjaarskring" in html
        assert ">april 2027</option>" in html
        html = client.get("/?periode=2027-08").content.decode()
        assert "Voorjaarskring" not in html
        assert "Geen leerkringen gevonden met deze filters." in html


def test_a_session_bouwsteen_also_counts(client: Client, projectleider: User) -> None:
    circle = open_circle(projectleider, name="Kring met sessiebouwsteen", building_blocks=[])
    first_session(circle).building_blocks.add(BuildingBlock.objects.get(number=4))
    block = BuildingBlock.objects.get(number=4)
    assert "Kring met sessiebouwsteen" in client.get(f"/?bouwsteen={block.pk}").content.decode()


def test_paginates_and_keeps_the_filter(client: Client, projectleider: User) -> None:
    for number in range(14):
        make_circle(projectleider, name=f"Kring {number:02d}", status=Circle.Status.PUBLISHED)
    html = client.get("/?soort=thema").content.decode()
    assert "Pagina 1 van 2" in html and "?soort=thema&amp;pagina=2" in html
    assert "Kring 13" in client.get("/?soort=thema&pagina=2").content.decode()


def test_query_count_is_the_same_for_5_and_50_circles(client: Client, projectleider: User, begeleider: User) -> None:
    def build(count: int) -> int:
        Circle.objects.all().delete()
        for number in range(count):
            circle = make_circle(
                projectleider, name=f"Kring {number}", status=Circle.Status.PUBLISHED, building_blocks=[1, 2]
            )
            make_session(circle, datetime.date(2027, 3, 2), facilitators=[begeleider])
            make_registration(circle, f"p{number}@example.org")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    assert build(5) == build(50)

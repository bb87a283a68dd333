"""One rule, one place: a circle works on a bouwsteen when it or one of its sessions names it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client

from buildingblocks.models import BuildingBlock
from circles.models import Circle
from circles.selectors import circles_working_on
from tests.factories import make_circle, make_session

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]


def _block(number: int) -> BuildingBlock:
    return BuildingBlock.objects.get(number=number)


def test_a_circle_works_on_its_own_bouwstenen_and_those_of_its_sessions(projectleider: User) -> None:
    both = make_circle(projectleider, name="Beide", building_blocks=[3])
    make_session(both, datetime.date(2027, 3, 2)).building_blocks.set([_block(3)])
    via_session = make_circle(projectleider, name="Via bijeenkomst", building_blocks=[])
    make_session(via_session, datetime.date(2027, 3, 2)).building_blocks.set([_block(3)])
    make_circle(projectleider, name="Andere", building_blocks=[4])

    found = circles_working_on(Circle.objects.all(), _block(3))
    assert sorted(circle.name for circle in found) == ["Beide", "Via bijeenkomst"]


def test_the_overview_filter_the_catalogue_filter_and_the_coverage_page_use_the_rule(
    client: Client, projectleider: User
) -> None:
    circle = make_circle(projectleider, name="Via bijeenkomst", status=Circle.Status.PUBLISHED, building_blocks=[])
    make_session(circle, datetime.date(2027, 3, 2)).building_blocks.set([_block(7)])
    block = _block(7)
    client.force_login(projectleider)
    assert "Via bijeenkomst" in client.get(f"/leerkringen/?bouwsteen={block.pk}").content.decode()
    assert "Via bijeenkomst" in client.get(f"/?bouwsteen={block.pk}").content.decode()
    coverage = {item.block: item for item in client.get("/bouwstenen/").context["coverage"]}
    assert (coverage[block].count, [c.name for c in coverage[block].recent]) == (1, ["Via bijeenkomst"])

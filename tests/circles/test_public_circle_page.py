"""The public circle page: a circle that has started, a closed one, the heading of who guides, mobile jumps."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from circles.models import Circle
from tests.factories import before_the_circles, open_circle

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> Circle:
    # Sessions on 2, 9, 16 and 23 March 2027.
    return open_circle(projectleider, facilitators=(begeleider,))


def _page(client: Client, circle: Circle) -> str:
    return client.get(reverse("circles:public_detail", args=[circle.code])).content.decode()


def test_a_started_circle_says_how_many_sessions_are_left(client: Client, circle: Circle) -> None:
    with time_machine.travel(datetime.datetime(2027, 3, 10, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        page = _page(client, circle)
    assert "Deze leerkring is al begonnen; nog 2 bijeenkomsten (vanaf 16 maart 2027)." in page


def test_a_circle_not_yet_started_says_nothing_about_it(client: Client, circle: Circle) -> None:
    with before_the_circles():
        assert "al begonnen" not in _page(client, circle)


def test_a_closed_circle_points_to_the_other_offers(client: Client, circle: Circle) -> None:
    Circle.objects.filter(pk=circle.pk).update(status=Circle.Status.CLOSED)
    with before_the_circles():
        page = _page(client, circle)
    assert "Aanmelden voor deze leerkring is niet meer mogelijk." in page
    assert '<a href="/">Bekijk het andere aanbod</a>' in page


def test_the_facilitators_are_under_begeleiding(client: Client, circle: Circle) -> None:
    with before_the_circles():
        page = _page(client, circle)
    assert ">Begeleiding</h2>" in page and "Wie begeleiden" not in page


def test_small_screens_get_a_button_that_jumps_to_the_form(client: Client, circle: Circle) -> None:
    with before_the_circles():
        page = _page(client, circle)
    assert '<p class="d-lg-none"><a class="btn btn-primary" href="#aanmelden">Aanmelden</a></p>' in page
    assert 'id="aanmelden"' in page
    assert '<div class="row g-4 g-lg-5">' in page


def test_a_closed_circle_has_no_jump_button(client: Client, circle: Circle) -> None:
    Circle.objects.filter(pk=circle.pk).update(status=Circle.Status.CLOSED)
    with before_the_circles():
        assert 'href="#aanmelden"' not in _page(client, circle)


def test_tables_keep_hidden_labels_inside_their_scroll_box() -> None:
    css = (settings.BASE_DIR / "static" / "css" / "leerkring.css").read_text()
    assert ".table-responsive { position: relative; }" in css

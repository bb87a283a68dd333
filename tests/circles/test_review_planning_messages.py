"""Planning tells what stands in the way of publishing: on the session card, after saving, in one alert."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Circle
from circles.rules import session_saved_message
from tests.circles.planning_helpers import MARCH, flash, publish, ready_circle
from tests.factories import make_circle, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def pl_client(client: Client, projectleider: User) -> Client:
    client.force_login(projectleider)
    return client


def test_refused_publishing_is_one_alert_with_a_list(pl_client: Client, projectleider: User, begeleider: User) -> None:
    circle = make_circle(projectleider)
    make_session(circle, MARCH[0], "13:00", "15:00", facilitators=[begeleider])
    response = publish(pl_client, circle)
    [alert] = flash(response)
    assert alert.startswith("De leerkring is nog niet gepubliceerd. Los eerst deze punten op:<ul")
    assert alert.count("<li>") == 3
    assert "<li>Bijeenkomst 1 (2 maart 2027) duurt 2 uur; een bijeenkomst duurt 2,5 tot 4 uur.</li>" in alert
    page = response.content.decode()
    assert page.count('class="alert alert-danger"') == 1


def test_a_session_that_breaks_rules_is_marked_on_its_card(
    pl_client: Client, projectleider: User, begeleider: User
) -> None:
    circle = make_circle(projectleider)
    make_session(circle, MARCH[0], "13:00", "15:00", facilitators=[begeleider])
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert (
        "Deze bijeenkomst duurt 2 uur; een bijeenkomst duurt 2,5 tot 4 uur. Deze bijeenkomst heeft 1 begeleider;"
        " er zijn er minimaal twee nodig. Pas dit aan voordat u publiceert."
    ) in page


def test_a_session_that_meets_the_rules_has_no_warning(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = make_circle(projectleider)
    make_session(circle, MARCH[0], facilitators=[begeleider, begeleider2])
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert "Deze bijeenkomst" not in page


def test_without_sessions_the_session_rules_are_not_ticked(pl_client: Client, projectleider: User) -> None:
    circle = make_circle(projectleider)
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert page.count('<li class="pending mb-1">') == 3
    assert "Elke bijeenkomst duurt 2,5 tot 4 uur" in page
    assert page.count('<li class="ok mb-1">') == 3  # a bouwsteen, no overlap, nobody double-booked


def test_the_saved_message_names_the_broken_rules(projectleider: User, begeleider: User) -> None:
    circle = make_circle(projectleider)
    session = make_session(circle, MARCH[0], "13:00", "15:00", facilitators=[begeleider])
    assert session_saved_message(session, added=True) == (
        "Bijeenkomst 1 is toegevoegd. Deze bijeenkomst duurt 2 uur; een bijeenkomst duurt 2,5 tot 4 uur."
        " Deze bijeenkomst heeft 1 begeleider; er zijn er minimaal twee nodig. Pas dit aan voordat u publiceert."
    )


def test_the_saved_message_is_plain_when_all_is_well(projectleider: User, begeleider: User, begeleider2: User) -> None:
    circle = make_circle(projectleider)
    session = make_session(circle, MARCH[0], facilitators=[begeleider, begeleider2])
    assert session_saved_message(session, added=False) == "Bijeenkomst 1 is gewijzigd."
    assert Circle.objects.get(pk=circle.pk).status == Circle.Status.CONCEPT


def test_publishing_says_the_circle_is_in_the_catalogue_and_links_there(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert "Bekijk in het aanbod" not in page
    response = publish(pl_client, circle)
    assert flash(response) == ["De leerkring is gepubliceerd en staat nu in het aanbod."]
    assert f'href="/aanbod/{circle.code}/">Bekijk in het aanbod</a>' in response.content.decode()

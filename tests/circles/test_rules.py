"""Each rule for publishing, with the Dutch message the project leader sees.

Planning tells what stands in the way of publishing: on the session card, after saving, in one alert.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape

from circles.models import Circle
from circles.rules import session_saved_message
from tests.factories import MARCH, make_circle, make_session, ready_circle
from tests.pages import flash, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def pl_client(client: Client, projectleider: User) -> Client:
    client.force_login(projectleider)
    return client


def refused_with(client: Client, circle: Circle, message: str) -> None:
    response = publish(client, circle)
    circle.refresh_from_db()
    assert circle.status == Circle.Status.CONCEPT
    [alert] = flash(response)
    assert alert.startswith("De leerkring is nog niet gepubliceerd. Los eerst deze punten op:")
    assert f"<li>{escape(message)}</li>" in alert
    assert escape(message) in response.content.decode()  # also in the checklist on the page
    assert not circle.status_changes.exists()


def test_a_circle_that_meets_every_rule_is_published(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert "Klaar om te publiceren" in page
    assert page.count('<li class="ok mb-1">') == 7
    assert page.count('class="missing') == 0

    response = publish(pl_client, circle)

    circle.refresh_from_db()
    assert circle.status == Circle.Status.PUBLISHED
    assert flash(response) == ["De leerkring is gepubliceerd en staat nu in het aanbod."]


def test_too_few_sessions(pl_client: Client, projectleider: User, begeleider: User, begeleider2: User) -> None:
    circle = make_circle(projectleider)
    for date in MARCH[:3]:
        make_session(circle, date, facilitators=[begeleider, begeleider2])
    refused_with(pl_client, circle, "Er zijn 3 bijeenkomsten gepland; een leerkring heeft er minimaal vier.")


def test_no_sessions_at_all(pl_client: Client, projectleider: User) -> None:
    circle = make_circle(projectleider)
    refused_with(pl_client, circle, "Er zijn 0 bijeenkomsten gepland; een leerkring heeft er minimaal vier.")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("13:00", "15:00", "Bijeenkomst 4 (23 maart 2027) duurt 2 uur; een bijeenkomst duurt 2,5 tot 4 uur."),
        ("12:00", "16:30", "Bijeenkomst 4 (23 maart 2027) duurt 4,5 uur; een bijeenkomst duurt 2,5 tot 4 uur."),
        (
            "13:00",
            "15:20",
            "Bijeenkomst 4 (23 maart 2027) duurt 2 uur en 20 minuten; een bijeenkomst duurt 2,5 tot 4 uur.",
        ),
    ],
)
def test_sessions_shorter_than_two_and_a_half_or_longer_than_four_hours(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User, start: str, end: str, message: str
) -> None:
    circle = make_circle(projectleider)
    for date in MARCH[:3]:
        make_session(circle, date, facilitators=[begeleider, begeleider2])
    make_session(circle, MARCH[3], start, end, facilitators=[begeleider, begeleider2])
    refused_with(pl_client, circle, message)


@pytest.mark.parametrize(("start", "end"), [("13:00", "15:30"), ("12:00", "16:00")])
def test_two_and_a_half_and_four_hours_are_both_allowed(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User, start: str, end: str
) -> None:
    circle = make_circle(projectleider)
    for date in MARCH:
        make_session(circle, date, start, end, facilitators=[begeleider, begeleider2])
    publish(pl_client, circle)
    circle.refresh_from_db()
    assert circle.status == Circle.Status.PUBLISHED


def test_one_facilitator(pl_client: Client, projectleider: User, begeleider: User, begeleider2: User) -> None:
    circle = make_circle(projectleider)
    for date in MARCH[1:]:
        make_session(circle, date, facilitators=[begeleider, begeleider2])
    make_session(circle, MARCH[0], facilitators=[begeleider])
    refused_with(pl_client, circle, "Bijeenkomst 1 (2 maart 2027) heeft 1 begeleider; er zijn er minimaal twee nodig.")


def test_session_outside_the_period(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = make_circle(projectleider)
    for date in MARCH[:3]:
        make_session(circle, date, facilitators=[begeleider, begeleider2])
    make_session(circle, datetime.date(2027, 7, 6), facilitators=[begeleider, begeleider2])
    refused_with(
        pl_client,
        circle,
        "Bijeenkomst 4 (6 juli 2027) valt buiten de periode van de leerkring (1 maart 2027 tot en met 30 juni 2027).",
    )


def test_overlapping_sessions(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User, staf: User
) -> None:
    circle = make_circle(projectleider)
    for date in MARCH[:3]:
        make_session(circle, date, facilitators=[begeleider, begeleider2])
    # Other facilitators, so this is about the circle's own schedule, not a double booking.
    other = [projectleider, staf]
    make_session(circle, MARCH[2], "15:00", "18:00", facilitators=other)
    refused_with(pl_client, circle, "Bijeenkomst 3 (16 maart 2027) overlapt met bijeenkomst 4 (15:00–18:00).")


def test_a_facilitator_booked_in_an_overlapping_session_of_another_circle(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    other = make_circle(projectleider, name="Themaleerkring Netwerken", status=Circle.Status.PUBLISHED)
    # Stored directly: the session form refuses this (see the session tests); data may predate that.
    make_session(other, MARCH[0], "15:00", "17:30", facilitators=[begeleider])
    refused_with(
        pl_client,
        circle,
        "Tijdens bijeenkomst 1 (2 maart 2027) begeleidt Berry van den Bos al bijeenkomst 1 van „Themaleerkring"
        " Netwerken” (2 maart 2027, 15:00–17:30). Kies een andere tijd of een andere begeleider.",
    )


def test_a_cancelled_circle_does_not_book_its_facilitators(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    other = make_circle(projectleider, name="Geannuleerd", status=Circle.Status.CANCELLED)
    make_session(other, MARCH[0], facilitators=[begeleider])
    publish(pl_client, circle)
    circle.refresh_from_db()
    assert circle.status == Circle.Status.PUBLISHED


def test_a_circle_without_bouwsteen(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], building_blocks=[])
    refused_with(pl_client, circle, "Kies minimaal één bouwsteen voor de leerkring.")


def test_a_leerkring_op_maat_without_team(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], kind=Circle.Kind.OP_MAAT, team="")
    refused_with(pl_client, circle, "Vul bij een leerkring op maat het team in waarvoor hij is.")


def test_all_problems_are_listed_at_once(pl_client: Client, projectleider: User, begeleider: User) -> None:
    circle = make_circle(projectleider)
    make_session(circle, MARCH[0], "13:00", "14:00", facilitators=[begeleider])
    response = publish(pl_client, circle)
    [alert] = flash(response)
    assert alert.endswith(
        "<li>Er is 1 bijeenkomst gepland; een leerkring heeft er minimaal vier.</li>"
        "<li>Bijeenkomst 1 (2 maart 2027) duurt 1 uur; een bijeenkomst duurt 2,5 tot 4 uur.</li>"
        "<li>Bijeenkomst 1 (2 maart 2027) heeft 1 begeleider; er zijn er minimaal twee nodig.</li></ul>"
    )


def test_the_checklist_shows_met_and_unmet_rules(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = make_circle(projectleider)
    make_session(circle, MARCH[0], facilitators=[begeleider, begeleider2])
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert '<li class="ok mb-1">\n          Elke bijeenkomst duurt 2,5 tot 4 uur' in page
    assert '<li class="missing mb-1">\n          Minimaal vier bijeenkomsten' in page
    assert "Nog niet alle punten van de checklist zijn in orde." in page


# Planning tells what stands in the way of publishing: on the session card, after saving, in one alert.


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


def test_the_checklist_names_each_problem_in_the_rules_wording(pl_client: Client, projectleider: User) -> None:
    circle = make_circle(projectleider)
    make_session(circle, MARCH[0], "13:00", "15:00")
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    checklist = page[page.index('id="checklist-title"') :]
    assert "<li>Bijeenkomst 1 (2 maart 2027) duurt 2 uur; een bijeenkomst duurt 2,5 tot 4 uur.</li>" in checklist
    assert "<li>Er is 1 bijeenkomst gepland; een leerkring heeft er minimaal vier.</li>" in checklist
    assert "Problem(" not in page

"""In the browser: the project leader plans a circle's four sessions as one series, moving one off Koningsdag."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle
from tests.browser import log_in
from tests.factories import make_circle

SHOTS = os.environ.get("LEERKRING_SHOTS", "")


def shoot(page: Page, name: str) -> None:
    """Screenshots to look at while building, outside the repository; off unless LEERKRING_SHOTS is set."""
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.browser
def test_projectleider_plans_a_series_checks_the_dates_and_publishes(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = make_circle(projectleider, name="Leerkring 8 - Samenwerken in Charlois")
    log_in(page, live_server.url, "pl")
    page.goto(f"{live_server.url}/leerkringen/{circle.code}/")
    page.get_by_role("link", name="Reeks bijeenkomsten toevoegen").click()

    page.get_by_label("Eerste datum").fill("2027-03-16")
    page.get_by_label("Om de hoeveel weken").fill("2")
    page.get_by_label("Aantal bijeenkomsten").fill("4")
    page.get_by_label("Begintijd").fill("13:00")
    page.get_by_label("Eindtijd").fill("16:00")
    page.get_by_label("Berry van den Bos").check()
    page.get_by_label("Henk Koetsveld").check()
    page.get_by_role("button", name="Data bekijken").click()

    dates = page.locator("#reeks-data")
    expect(dates.get_by_label("Datum 4")).to_have_value("2027-04-27")
    expect(dates.locator(".session-warning")).to_have_count(1)
    expect(dates.locator(".session-warning")).to_contain_text("Koningsdag")
    shoot(page, f"series-preview-{page.viewport_size['width'] if page.viewport_size else 0}")
    dates.get_by_label("Datum 4").fill("2027-04-28")
    page.get_by_role("button", name="4 bijeenkomsten opslaan").click()

    expect(page.get_by_text("4 bijeenkomsten zijn toegevoegd.")).to_be_visible()
    expect(page.locator(".session-warning")).to_have_count(0)
    expect(page.locator(".checklist .missing")).to_have_count(0)
    # The single-session form now starts two weeks after the last one, at the same times.
    form = page.locator("#bijeenkomst-formulier")
    expect(form.get_by_label("Datum")).to_have_value("2027-05-12")
    expect(form.get_by_label("Begintijd")).to_have_value("13:00")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("De leerkring is gepubliceerd en staat nu in het aanbod.")).to_be_visible()
    assert Circle.objects.get().status == Circle.Status.PUBLISHED
    assert [s.date.isoformat() for s in circle.sessions.all()] == [
        "2027-03-16",
        "2027-03-30",
        "2027-04-13",
        "2027-04-28",
    ]

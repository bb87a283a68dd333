"""Sub-sections in the verslag editor with JavaScript: added under their section in the page, moved
among themselves with the up/down buttons, numbered 1.1, 1.2."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from sessions.models import Outcome
from tests.browser import log_in
from tests.factories import circle_with_sessions


@pytest.mark.browser
def test_sub_sections_are_added_and_moved_under_their_section(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    log_in(page, live_server.url, "bg")
    page.goto(f"{live_server.url}/bijeenkomsten/{sessions[0].code}/verslag/")
    page.locator("#id_onderdeel-0-heading").fill("Visie")
    page.evaluate("window.sameEditor = true")
    for heading in ("Sterktes", "Zwaktes"):  # the button is named after the heading as it is typed
        page.locator("#rij-onderdeel-0").get_by_role("button", name="+ Onderdeel binnen „Visie”", exact=True).click()
        subrows = page.locator("#rij-onderdeel-0 [data-formset-subrows] > [data-formset-row]")
        subrows.last.get_by_label("Kop").fill(heading)
    subrows = page.locator("#rij-onderdeel-0 [data-formset-subrows] > [data-formset-row]")
    expect(subrows.nth(1).locator("[data-formset-number]")).to_have_text("1.2")

    assert page.evaluate("window.sameEditor") is True  # added in the page, not by a reload
    subrows.nth(1).get_by_role("button", name="Omhoog").click()
    expect(subrows.nth(0).get_by_label("Kop")).to_have_value("Zwaktes")
    expect(subrows.nth(0).locator("[data-formset-number]")).to_have_text("1.1")
    page.locator(".outcome-submit-bar").get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()

    outcome = Outcome.objects.get(session=sessions[0])
    assert [(top.heading, [s.heading for s in subs]) for top, subs in outcome.section_tree()] == [
        ("Visie", ["Zwaktes", "Sterktes"])
    ]

"""In the browser: the project leader plans and publishes a circle; a begeleider finds the sessions."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle
from tests.browser import log_in


@pytest.mark.browser
def test_projectleider_plans_and_publishes_then_begeleider_finds_the_sessions(
    page: Page,
    live_server: LiveServer,
    projectleider: User,
    begeleider: User,
    begeleider2: User,
) -> None:
    base = live_server.url
    start = timezone.localdate() + datetime.timedelta(days=30)
    log_in(page, base, "pl")
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    nav.get_by_role("link", name="Leerkringen").click()
    page.get_by_role("link", name="Nieuwe leerkring").click()

    page.get_by_label("Naam").fill("Leerkring 7 - Samenwerken in Pernis")
    page.get_by_label("Themaleerkring").check()
    page.get_by_label("Samenwerking in een interdisciplinair team").check()
    page.get_by_label("Startdatum").fill(start.isoformat())
    page.get_by_label("Einddatum").fill((start + datetime.timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Leerkring opslaan").click()

    expect(page.get_by_role("heading", name="Leerkring 7 - Samenwerken in Pernis")).to_be_visible()
    checklist = page.locator(".checklist")
    expect(checklist.locator(".missing")).to_have_count(1)
    expect(checklist.locator(".missing")).to_contain_text("Minimaal vier bijeenkomsten")

    for week in range(4):
        form = page.locator("#bijeenkomst-formulier")
        form.get_by_label("Datum").fill((start + datetime.timedelta(weeks=week, days=1)).isoformat())
        form.get_by_label("Begintijd").fill("13:00")
        form.get_by_label("Eindtijd").fill("16:00")
        form.get_by_label("Berry van den Bos").check()
        form.get_by_label("Henk Koetsveld").check()
        form.get_by_role("button", name="Bijeenkomst toevoegen").click()
        expect(page.get_by_text(f"Bijeenkomst {week + 1} is toegevoegd.")).to_be_visible()

    expect(checklist.locator(".missing")).to_have_count(0)
    expect(checklist.locator(".ok")).to_have_count(7)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("De leerkring is gepubliceerd en staat nu in het aanbod.")).to_be_visible()
    assert Circle.objects.get().status == Circle.Status.PUBLISHED

    # Once published, the form to add a session opens on request.
    expect(page.locator("#bijeenkomst-formulier")).to_have_count(0)
    page.get_by_role("link", name="Bijeenkomst toevoegen").click()
    form = page.locator("#bijeenkomst-formulier")
    expect(form.get_by_label("Datum")).to_have_value((start + datetime.timedelta(weeks=4, days=1)).isoformat())
    form.get_by_label("Henk Koetsveld").check()
    form.get_by_role("button", name="Bijeenkomst toevoegen").click()
    expect(page.get_by_text("Bijeenkomst 5 is toegevoegd.")).to_be_visible()
    expect(page.locator("#bijeenkomst-formulier")).to_have_count(0)

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, base, "bg")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Mijn bijeenkomsten").click()
    upcoming = page.get_by_role("region", name="Komende bijeenkomsten")
    expect(upcoming.get_by_role("link", name="Leerkring 7 - Samenwerken in Pernis")).to_have_count(5)
    expect(upcoming.get_by_text("Henk Koetsveld")).to_have_count(5)

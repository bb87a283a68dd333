"""A visitor signs up in a real browser; the project leader then finds the sign-up."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser import log_in
from tests.factories import open_circle


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitor_signs_up_and_the_project_leader_sees_it(
    page: Page, live_server: Any, projectleider: User, begeleider: User, settings: Any
) -> None:
    settings.SIGNUP_MIN_SECONDS = 0
    # Dates from today: the live server runs on the real clock.
    first = timezone.localdate() + datetime.timedelta(days=30)
    circle = open_circle(
        projectleider,
        facilitators=(begeleider,),
        first_session=first,
        name="Themaleerkring Samenwerken in de wijk",
        start_date=first - datetime.timedelta(days=1),
        end_date=first + datetime.timedelta(weeks=4),
    )

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=circle.name).click()
    expect(page.get_by_role("heading", name=circle.name, level=1)).to_be_visible()

    page.get_by_label("Voornaam").fill("Fatima")
    page.get_by_label("Achternaam").fill("El Amrani")
    page.get_by_label("E-mailadres").fill("fatima@example.org")
    page.get_by_label("Organisatie").select_option(label="Wijkteam")
    page.get_by_label("Team of locatie").fill("Hoogvliet")
    page.get_by_label("Functie").select_option(label="Wijkteammedewerker")
    page.get_by_label("Leervraag").fill("Hoe betrek ik het netwerk van een gezin?")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("privacyverklaring")

    page.get_by_label("Ik ga akkoord met de privacyverklaring").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", name="Bedankt, uw aanmelding is ontvangen")).to_be_visible()

    log_in(page, live_server.url, "pl")
    page.goto(f"{live_server.url}/leerkringen/{circle.code}/")
    page.get_by_role("link", name="Aanmeldingen bekijken").click()
    row = page.get_by_role("row", name="Fatima El Amrani")
    expect(row).to_contain_text("fatima@example.org")
    expect(row).to_contain_text("Hoogvliet")
    expect(row.get_by_role("combobox")).to_have_value("bevestigd")

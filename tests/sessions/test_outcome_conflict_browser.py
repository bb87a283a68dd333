"""Two facilitators edit one verslag in two browsers at once; both save, and no text is lost."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from sessions.models import Outcome
from tests.browser import log_in
from tests.factories import circle_with_sessions, save_outcome


def _open(browser: Browser, base: str, username: str, url: str) -> Page:
    page = browser.new_context(locale="nl-NL").new_page()
    log_in(page, base, username)
    page.goto(url)
    return page


@pytest.mark.browser
def test_two_people_save_one_verslag_and_both_keep_their_text(
    browser: Browser, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    session = sessions[0]
    save_outcome(session, begeleider)
    url = f"{live_server.url}/bijeenkomsten/{session.code}/verslag/"
    berry = _open(browser, live_server.url, "bg", url)
    elizabeth = _open(browser, live_server.url, "pl", url)
    try:
        _both_edit_and_save(berry, elizabeth)
    finally:
        berry.context.close()
        elizabeth.context.close()

    outcome = Outcome.objects.get(session=session)
    assert outcome.central_question == "Wat vraagt de Wmo van ons?"
    assert outcome.part_list() == ["Terugblik", "Uitwisselen in subgroepen", "Acties afspreken"]
    assert outcome.grouping == "Naar functie, in vier groepen van zes."
    [(_question, answers)] = outcome.results()
    assert answers[0][1] == ["hoge caseload", "wachtlijsten"]
    assert [section.item_list() for section in outcome.sections.all()] == [["korte lijnen", "veel kennis in één team"]]


def _both_edit_and_save(berry: Page, elizabeth: Page) -> None:
    berry.get_by_label("Centrale vraag").fill("Wat vraagt de Wmo van ons?")
    berry.get_by_label("Groepsindeling").fill("Naar functie, in vier groepen.")
    berry.locator("#id_deelvraag-0-answer_0").fill("hoge caseload\nwachtlijsten")
    elizabeth.get_by_role("textbox", name="Onderdelen").fill("Terugblik\nUitwisselen in subgroepen\nActies afspreken")
    elizabeth.get_by_label("Groepsindeling").fill("Groepen van zes.")
    elizabeth.locator("#id_onderdeel-0-items").fill("korte lijnen\nveel kennis in één team")

    berry.get_by_role("button", name="Concept opslaan").click()
    expect(berry.get_by_text("Het verslag is opgeslagen.")).to_be_visible()
    elizabeth.get_by_role("button", name="Concept opslaan").click()

    # Nothing of hers is saved yet; his changes are in her form, hers are still there.
    expect(elizabeth.get_by_role("heading", name="Niet opgeslagen")).to_be_visible()
    expect(elizabeth.get_by_label("Centrale vraag")).to_have_value("Wat vraagt de Wmo van ons?")
    expect(elizabeth.locator("#id_deelvraag-0-answer_0")).to_have_value("hoge caseload\nwachtlijsten")
    expect(elizabeth.get_by_role("textbox", name="Onderdelen")).to_have_value(
        "Terugblik\nUitwisselen in subgroepen\nActies afspreken"
    )
    choice = elizabeth.get_by_role("group", name="U en de ander hebben dit allebei gewijzigd. Welke tekst blijft?")
    expect(choice.locator("[data-merge=theirs]")).to_have_text("Naar functie, in vier groepen.")
    expect(choice.locator("[data-merge=mine]")).to_have_text("Groepen van zes.")

    # Saving without choosing is refused at the field, with both texts still there.
    elizabeth.get_by_role("button", name="Concept opslaan").click()
    expect(elizabeth.get_by_text("Kies welke tekst blijft").first).to_be_visible()
    expect(choice.locator("[data-merge=theirs]")).to_have_text("Naar functie, in vier groepen.")
    expect(elizabeth.get_by_label("Groepsindeling")).to_have_value("Groepen van zes.")
    elizabeth.get_by_label("Groepsindeling").fill("Naar functie, in vier groepen van zes.")
    elizabeth.get_by_label("Zoals in het veld (bewerkt)").check()
    elizabeth.get_by_role("button", name="Concept opslaan").click()
    expect(elizabeth.get_by_text("Het verslag is opgeslagen.")).to_be_visible()

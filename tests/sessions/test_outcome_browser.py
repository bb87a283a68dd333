"""A begeleider records attendance and a verslag; at the next session the project leader establishes it."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle, Function
from sessions.models import Action, Outcome
from tests.browser import log_in
from tests.factories import make_circle, make_registration, make_session

SUBGROUPS = ["Wijkteamleden", "Wijkteamleiders", "Vraagwijzers", "Beleidsmakers"]
SWOT = {
    "Sterktes": "korte lijnen",
    "Zwaktes": "hoge caseload",
    "Kansen": "vrijwilligers",
    "Bedreigingen": "bureaucratie",
}


@pytest.mark.browser
def test_begeleider_records_a_verslag_and_the_project_leader_establishes_it(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    base = live_server.url
    today = timezone.localdate()
    circle = make_circle(
        projectleider, status=Circle.Status.PUBLISHED, start_date=today, end_date=today + datetime.timedelta(days=90)
    )
    # The first session is today: attendance and submitting open on the session's own date.
    first = make_session(circle, today, facilitators=[begeleider])
    second = make_session(circle, today + datetime.timedelta(days=14), facilitators=[begeleider2])
    make_registration(circle, "anna@example.org")
    make_registration(circle, "bram@example.org", first_name="Bram", function=Function.WIJKTEAMLEIDER)

    log_in(page, base, "bg")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Mijn bijeenkomsten").click()
    page.get_by_role("link", name="Verslag").first.click()
    expect(page.get_by_role("heading", name="Verslag bijeenkomst 1")).to_be_visible()

    # Attendance: Bram was not there, one guest came.
    page.get_by_role("link", name="Aanwezigheid", exact=True).click()
    page.get_by_label("Bram de Vries · Wijkteamleider, Charlois").uncheck()
    page.locator("#id_gast-0-name").fill("Gerda Gast")
    page.locator("#id_gast-0-function").select_option(Function.BELEIDSMEDEWERKER.value)
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_test_id("attendance-sentence")).to_have_text(
        "2 deelnemers: 1 wijkteammedewerker en 1 beleidsmedewerker"
    )

    # The verslag: four subgroups first (JavaScript adds the rows), then save to get answer fields.
    page.get_by_role("link", name="Verslag", exact=True).click()
    page.get_by_label("Centrale vraag").fill("Wat betekent de Wmo voor jouw professie?")
    for index, name in enumerate(SUBGROUPS):
        if index:
            page.get_by_role("button", name="Nog een subgroep").click()
        page.locator(f"#id_subgroep-{index}-name").fill(name)
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()

    for q in range(3):
        if q:
            page.get_by_role("button", name="Nog een deelvraag").click()
        page.locator(f"#id_deelvraag-{q}-text").fill(f"Deelvraag nummer {q + 1}?")
        for g, name in enumerate(SUBGROUPS):
            page.locator(f"#id_deelvraag-{q}-answer_{g}").fill(f"antwoord {name} op {q + 1}\ntweede punt")
    for index, (heading, items) in enumerate(SWOT.items()):
        if index:
            page.get_by_role("button", name="Nog een onderdeel").click()
        page.locator(f"#id_onderdeel-{index}-heading").fill(heading)
        page.locator(f"#id_onderdeel-{index}-items").fill(items)
    page.locator("#id_actie-0-description").fill("Sociale kaart van Charlois bijwerken")
    page.locator("#id_actie-0-owner_name").fill("Anna de Vries")
    page.get_by_role("button", name="Nog een actie").click()
    page.locator("#id_actie-1-description").fill("Casus inbrengen over mantelzorg")
    page.locator("#id_actie-1-owner_name").fill("Berry van den Bos")
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(page.get_by_text("Het verslag is opgeslagen en ingediend.")).to_be_visible()

    outcome = Outcome.objects.get(session=first)
    assert outcome.status == Outcome.Status.SUBMITTED
    results = outcome.results()
    assert [q.text for q, _a in results] == ["Deelvraag nummer 1?", "Deelvraag nummer 2?", "Deelvraag nummer 3?"]
    assert all([g.name for g, _p in answers] == SUBGROUPS for _q, answers in results)
    assert [s.heading for s in outcome.sections.all()] == list(SWOT)
    assert list(Action.objects.filter(session=first).values_list("due_session", flat=True)) == [second.pk] * 2

    # At the next session the project leader establishes it; the actions come back there.
    page.get_by_role("button", name="Uitloggen").click()
    # Establishing waits for the day of the second session.
    at_second = datetime.datetime.combine(second.date, datetime.time(10), tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(at_second, tick=True):
        log_in(page, base, "pl")
        page.goto(f"{base}/bijeenkomsten/{second.code}/verslag/")
        page.get_by_label("Besproken tijdens deze bijeenkomst").check()
        page.get_by_role("button", name="Verslag bijeenkomst 1 vaststellen").click()
        expect(page.get_by_text("Het verslag van bijeenkomst 1 is vastgesteld.")).to_be_visible()
        earlier = page.locator("#deel-eerder")
        expect(earlier.get_by_role("radiogroup", name="Stand van zaken")).to_have_count(2)
        expect(earlier.get_by_text("Sociale kaart van Charlois bijwerken")).to_be_visible()
        expect(earlier.get_by_text("Anna de Vries · afgesproken in bijeenkomst 1")).to_be_visible()
        expect(earlier.get_by_text("Casus inbrengen over mantelzorg")).to_be_visible()
        expect(earlier.get_by_text("Berry van den Bos · afgesproken in bijeenkomst 1")).to_be_visible()

        # The established verslag reads back every subgroup's answer to every deelvraag.
        page.goto(f"{base}/bijeenkomsten/{first.code}/verslag/")
        expect(page.get_by_text("Besproken en vastgesteld tijdens bijeenkomst 2 op")).to_be_visible()
        questions = page.locator("ol.outcome-results > li")
        expect(questions).to_have_count(3)
        for q in range(3):
            question = questions.nth(q)
            expect(question.locator("p").first).to_have_text(f"Deelvraag nummer {q + 1}?")
            expect(question.locator("dt")).to_have_text(SUBGROUPS)
            for g, name in enumerate(SUBGROUPS):
                points = question.locator("dd").nth(g).locator("li")
                expect(points).to_have_text([f"antwoord {name} op {q + 1}", "tweede punt"])

"""A concept is saved a few seconds after typing stops, with "Opgeslagen om …" in the page; a later
"Concept opslaan" is no conflict and adds no row twice. When someone else saved, it says so and stops."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from sessions.models import Outcome
from sessions.services import outcomes as services
from tests.browser import log_in
from tests.factories import circle_with_sessions

SAVED = 15_000  # ms: three seconds of quiet, then the request


@pytest.mark.browser
def test_typing_is_saved_in_the_background_and_saving_after_it_is_no_conflict(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    log_in(page, live_server.url, "bg")
    page.goto(f"{live_server.url}/bijeenkomsten/{sessions[0].code}/verslag/")
    status = page.locator("#autosave-status")

    page.get_by_label("Centrale vraag").fill("Wat betekent de Wmo voor jouw professie?")
    page.locator("#id_subgroep-0-name").fill("Wijkteamleden")
    page.locator("#id_deelvraag-0-text").fill("Waar loop je tegenaan?")
    page.locator("#id_deelvraag-0-answer_0").fill("te veel overleg")

    expect(status).to_have_text(re.compile(r"^Opgeslagen om \d\d:\d\d$"), timeout=SAVED)
    outcome = Outcome.objects.get(session=sessions[0])
    assert outcome.status == Outcome.Status.CONCEPT
    assert outcome.central_question == "Wat betekent de Wmo voor jouw professie?"
    assert [(q.text, [(g.name, p) for g, p in a]) for q, a in outcome.results()] == [
        ("Waar loop je tegenaan?", [("Wijkteamleden", ["te veel overleg"])])
    ]

    page.get_by_role("button", name="+ Nog een subgroep").click()
    page.locator("#id_subgroep-1-name").fill("Vraagwijzers")
    page.locator("#id_deelvraag-0-answer_1").fill("wachtlijsten")
    expect(page.locator("input[name=version]")).to_have_value("2", timeout=SAVED)
    page.locator("#id_deelvraag-0-remarks").fill("Iedereen herkende dit.")  # not yet saved in the background
    page.locator(".outcome-submit-bar").get_by_role("button", name="Concept opslaan").click()

    expect(page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()
    outcome.refresh_from_db()
    assert [g.name for g in outcome.subgroups.all()] == ["Wijkteamleden", "Vraagwijzers"]
    assert outcome.subquestions.get().remarks == "Iedereen herkende dit."
    assert outcome.version == 3


@pytest.mark.browser
def test_after_someone_else_saved_the_autosave_says_so_and_stops(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    log_in(page, live_server.url, "bg")
    page.goto(f"{live_server.url}/bijeenkomsten/{sessions[0].code}/verslag/")
    services.outcome_save(
        session=sessions[0], user=projectleider, data=services.OutcomeInput(central_question="Haar vraag?"), version=0
    )
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if "automatisch" in request.url else None)

    page.get_by_label("Centrale vraag").fill("Zijn vraag?")

    expect(page.locator("#autosave-status")).to_contain_text(
        "Iemand anders heeft dit verslag intussen opgeslagen", timeout=SAVED
    )
    page.get_by_label("Centrale vraag").fill("Zijn vraag, nog eens?")
    page.wait_for_timeout(4_000)
    assert len(requests) == 1
    assert Outcome.objects.get(session=sessions[0]).central_question == "Haar vraag?"
    page.locator(".outcome-submit-bar").get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_role("heading", name="Niet opgeslagen")).to_be_visible()

"""A participant answers the evaluation through the mailed link on a phone; the project leader then
sees the aggregated results and who has not answered; below three answers nothing shows (issue 11)."""

from __future__ import annotations

import datetime
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from sessions.evaluation.services import evaluations_send
from tests.browser import log_in
from tests.factories import make_registration, make_response, open_circle

# Screenshots to look at, outside the repository.
SHOTS = Path(tempfile.gettempdir()) / "shots" / "evaluation"


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_participant_answers_on_a_phone_and_the_project_leader_sees_the_results(
    page: Page, live_server: Any, projectleider: User
) -> None:
    # The live server runs on the real clock: the last session was five days ago.
    first = timezone.localdate() - datetime.timedelta(days=26)
    circle = open_circle(
        projectleider,
        first_session=first,
        start_date=first - datetime.timedelta(days=1),
        end_date=first + datetime.timedelta(weeks=4),
    )
    make_registration(circle, "anna@example.org")
    for first_name, last_name in [("Bram", "Bakker"), ("Chaima", "El Idrissi")]:
        registration = make_registration(
            circle, f"{first_name.lower()}@example.org", first_name=first_name, last_name=last_name
        )
        make_response(registration, ratings=[5, 4, 4], answers=["Een netwerkkaart", "", ""])
    make_registration(circle, "dirk@example.org", first_name="Dirk", last_name="van Dam")
    evaluations_send(now=timezone.now())
    [message] = [m for m in mail.outbox if m.to == ["anna@example.org"]]
    link = re.search(r"/bijeenkomsten/evaluatie/[^/\s]+/", str(message.body))
    assert link is not None

    # Two answers: nothing shows yet, not even to the project leader.
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, projectleider.username)
    page.goto(f"{live_server.url}/leerkringen/{circle.code}/")
    expect(page.locator("#evaluation-title").locator("..").locator("..")).to_contain_text(
        "verschijnen vanaf 3 antwoorden"
    )
    page.context.clear_cookies()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{link.group(0)}")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw antwoorden zijn nog niet opgeslagen.")
    _shot(page, "answer-errors-390")
    for index, value in enumerate(["4", "3", "5"]):
        page.locator(f"label[for='id_statement_{index}_{int(value) - 1}']").click()
    page.get_by_label("Wat neemt u mee?").fill("Vaker samen met de vraagwijzer")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_text("Dank u wel! Uw antwoorden zijn opgeslagen.")).to_be_visible()
    expect(page.get_by_role("button", name="Antwoorden bijwerken")).to_be_visible()
    _shot(page, "answer-saved-390")

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, projectleider.username)
    page.goto(f"{live_server.url}/leerkringen/{circle.code}/")
    section = page.locator("section[aria-labelledby='evaluation-title']")
    expect(section).to_contain_text("3 van 4 uitgenodigde deelnemers hebben geantwoord (75%).")
    expect(section).to_contain_text("Vaker samen met de vraagwijzer")
    expect(section.locator("svg")).to_be_visible()
    section.get_by_text("Nog niet geantwoord: 1 deelnemer").click()
    expect(section).to_contain_text("Dirk van Dam")
    expect(section).not_to_contain_text("Anna")
    section.screenshot(path=str(SHOTS / "circle-results-1280.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    section.screenshot(path=str(SHOTS / "circle-results-390.png"))
    # On a phone the results table (a grid of numbers, not stacked) still fits without sideways scrolling.
    region = section.get_by_role("region", name="Evaluatie")
    assert region.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

"""Two journeys in the browser, at a person's pace when JOURNEY_PACE=1 (`make journeys` prints the
times): planning a circle with a series of four sessions and two facilitators each, and recording
attendance plus a verslag with five deelvragen for four subgroups.

A person's pace: a second to find each field or button, then typing five characters a second. With
JavaScript the verslag editor must not load a page between opening and the one save. In `make test`
the pace is 0: the same journeys, as fast as the browser goes, proving they work; no time is asserted.
"""

from __future__ import annotations

import datetime
import os
import time

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Frame, Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle, Function
from sessions.models import Outcome
from tests.browser import log_in
from tests.factories import make_circle, make_registration, make_session

PACE = float(os.environ.get("JOURNEY_PACE", "0"))  # 1 = a person's pace; 0 = as fast as it goes
SUBGROUPS = ["Wijkteamleden", "Wijkteamleiders", "Vraagwijzers", "Beleidsmakers"]
QUESTIONS = [
    "Waar loop je tegenaan?",
    "Wat werkt goed?",
    "Wat heb je nodig van elkaar?",
    "Wat neem je mee naar je team?",
    "Wat vraag je aan de gemeente?",
]


def think() -> None:
    time.sleep(PACE)


def click(target: Locator) -> None:
    think()
    target.click()


def type_in(field: Locator, text: str) -> None:
    """Find the field, then type: five characters a second at a person's pace."""
    think()
    if not PACE:
        field.fill(text)
    elif field.get_attribute("type") in ("date", "time"):
        # A date or time field takes its digits segment by segment: the time of typing them, then filled.
        time.sleep(sum(character.isdigit() for character in text) * 0.2 * PACE)
        field.fill(text)
    else:
        field.click()
        field.press_sequentially(text, delay=200 * PACE)


def report(label: str, seconds: float, target: float, extra: str = "") -> None:
    print(f"Journey: {label:<62} {seconds:6.1f} s   (target ≤ {target:.0f} s){extra}", flush=True)


def page_loads(page: Page) -> list[str]:
    loads: list[str] = []

    def seen(frame: Frame) -> None:
        if frame == page.main_frame:
            loads.append(frame.url)

    page.on("framenavigated", seen)
    return loads


@pytest.mark.browser
def test_planning_a_circle_with_a_series_of_four_sessions(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    start = timezone.localdate() + datetime.timedelta(days=30)
    log_in(page, live_server.url, "pl")
    started = time.monotonic()
    click(page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Leerkringen"))
    click(page.get_by_role("link", name="Nieuwe leerkring"))
    type_in(page.get_by_label("Naam"), "Leerkring 9 - Samen sterker in Hoogvliet")
    click(page.get_by_label("Themaleerkring"))
    click(page.get_by_label("Samenwerking in een interdisciplinair team"))
    type_in(page.get_by_label("Startdatum"), start.isoformat())
    type_in(page.get_by_label("Einddatum"), (start + datetime.timedelta(days=90)).isoformat())
    click(page.get_by_role("button", name="Leerkring opslaan"))

    click(page.get_by_role("link", name="Reeks bijeenkomsten toevoegen"))
    type_in(page.get_by_label("Eerste datum"), (start + datetime.timedelta(days=1)).isoformat())
    type_in(page.get_by_label("Begintijd"), "13:00")
    type_in(page.get_by_label("Eindtijd"), "16:00")
    click(page.get_by_label("Berry van den Bos"))
    click(page.get_by_label("Henk Koetsveld"))
    click(page.get_by_role("button", name="Data bekijken"))
    click(page.get_by_role("button", name="4 bijeenkomsten opslaan"))
    expect(page.get_by_text("4 bijeenkomsten zijn toegevoegd.")).to_be_visible()
    seconds = time.monotonic() - started

    circle = Circle.objects.get(name="Leerkring 9 - Samen sterker in Hoogvliet")
    sessions = list(circle.sessions.prefetch_related("facilitators"))
    assert len(sessions) == 4
    assert all({user.username for user in session.facilitators.all()} == {"bg", "bg2"} for session in sessions)
    report("planning a circle, a series of 4 sessions, 2 facilitators each", seconds, 120)


@pytest.mark.browser
def test_attendance_and_a_verslag_of_five_deelvragen_for_four_subgroups(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    today = timezone.localdate()
    circle = make_circle(
        projectleider, status=Circle.Status.PUBLISHED, start_date=today, end_date=today + datetime.timedelta(days=90)
    )
    session = make_session(circle, today, facilitators=[begeleider])  # attendance opens on the day itself
    make_session(circle, today + datetime.timedelta(days=14), facilitators=[begeleider])
    for number, function in enumerate(
        [Function.WIJKTEAMMEDEWERKER, Function.WIJKTEAMLEIDER, Function.VRAAGWIJZERMEDEWERKER]
    ):
        make_registration(circle, f"deelnemer{number}@example.org", first_name=f"Deelnemer{number}", function=function)

    log_in(page, live_server.url, "bg")
    started = time.monotonic()
    click(page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Mijn bijeenkomsten"))
    click(page.get_by_role("link", name="Aanwezigheid").first)
    click(page.get_by_label("Deelnemer2", exact=False))  # one was not there
    type_in(page.locator("#id_gast-0-name"), "Gerda Gast")
    think()
    page.locator("#id_gast-0-function").select_option(Function.BELEIDSMEDEWERKER.value)
    click(page.get_by_role("button", name="Aanwezigheid opslaan"))
    expect(page.get_by_test_id("attendance-sentence")).to_contain_text("3 deelnemers")

    click(page.get_by_role("link", name="Verslag", exact=True))
    expect(page.get_by_role("heading", name="Verslag bijeenkomst 1")).to_be_visible()
    loads = page_loads(page)
    editor_opened = time.monotonic()
    type_in(page.get_by_label("Centrale vraag"), "Hoe werken wij samen in de wijk?")
    for number, name in enumerate(SUBGROUPS):
        if number:
            click(page.get_by_role("button", name="+ Nog een subgroep"))
        type_in(page.locator(f"#id_subgroep-{number}-name"), name)
    for number, question in enumerate(QUESTIONS):
        if number:
            click(page.get_by_role("button", name="+ Nog een deelvraag"))
        type_in(page.locator(f"#id_deelvraag-{number}-text"), question)
        row = page.locator(f"#rij-deelvraag-{number}")
        for group in SUBGROUPS:
            type_in(row.get_by_label(group), f"{group.lower()} over vraag {number + 1}")
    loads_before_save = list(loads)
    click(page.locator(".outcome-submit-bar").get_by_role("button", name="Concept opslaan"))
    expect(page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()
    seconds = time.monotonic() - started
    in_editor = time.monotonic() - editor_opened

    outcome = Outcome.objects.get(session=session)
    results = [
        (question.text, [(group.name, points) for group, points in answers]) for question, answers in outcome.results()
    ]
    assert [text for text, _ in results] == QUESTIONS
    assert all([name for name, _ in answers] == SUBGROUPS for _, answers in results)
    assert results[4][1][3] == ("Beleidsmakers", ["beleidsmakers over vraag 5"])
    assert loads_before_save == [], f"pages loaded in the editor: {loads_before_save}"
    report(
        "attendance + a verslag of 5 deelvragen for 4 subgroups", seconds, 600,
        f"; {in_editor:.0f} s in the editor, {len(loads_before_save)} page loads before its one save",
    )  # fmt: skip

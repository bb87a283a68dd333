"""The verslag editor with JavaScript: rows are added and removed in the page, and a subgroup
gets its answer fields the moment it is named, so one save stores the whole verslag."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Frame, Page, expect
from pytest_django.live_server_helper import LiveServer

from sessions.models import Action, Outcome
from tests.browser import log_in
from tests.factories import circle_with_sessions


def _count_loads(page: Page) -> list[str]:
    loads: list[str] = []

    def seen(frame: Frame) -> None:
        if frame == page.main_frame:
            loads.append(frame.url)

    page.on("framenavigated", seen)
    return loads


@pytest.mark.browser
def test_subgroups_and_deelvragen_are_added_in_the_page_and_saved_at_once(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    log_in(page, live_server.url, "bg")
    page.goto(f"{live_server.url}/bijeenkomsten/{sessions[0].code}/verslag/")
    loads = _count_loads(page)
    page.evaluate("window.sameEditor = true")

    page.locator("#id_subgroep-0-name").fill("Wijkteamleden")
    page.get_by_role("button", name="+ Nog een subgroep").click()
    page.locator("#id_subgroep-1-name").fill("Vraagwijzers")
    first = page.locator("#rij-deelvraag-0")
    expect(first.get_by_label("Vraagwijzers")).to_be_visible()  # named, and its answer field is there
    page.locator("#id_deelvraag-0-text").fill("Waar loop je tegenaan?")
    first.get_by_label("Wijkteamleden").fill("te veel overleg")
    first.get_by_label("Vraagwijzers").fill("wachtlijsten")
    page.get_by_role("button", name="+ Nog een deelvraag").click()
    second = page.locator("#rij-deelvraag-1")
    expect(second.locator("[data-formset-number]")).to_have_text("2")
    page.locator("#id_deelvraag-1-text").fill("Wat heb je nodig?")
    second.get_by_label("Wijkteamleden").fill("tijd")
    second.get_by_label("Vraagwijzers").fill("een sociale kaart")
    page.get_by_role("button", name="+ Nog een actie").click()
    page.locator("#id_actie-1-description").fill("Wordt toch niet gedaan")
    page.locator("#id_actie-1-owner_name").fill("Anna")
    page.locator("#rij-actie-1").get_by_label("Verwijderen").check()
    expect(page.locator("#rij-actie-1")).to_be_hidden()
    page.locator("#id_actie-0-description").fill("Sociale kaart bijwerken")
    page.locator("#id_actie-0-owner_name").fill("Anna de Vries")

    assert loads == [] and page.evaluate("window.sameEditor") is True
    page.locator(".outcome-submit-bar").get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()

    assert len(loads) == 1
    outcome = Outcome.objects.get(session=sessions[0])
    assert [
        (question.text, [(group.name, points) for group, points in answers]) for question, answers in outcome.results()
    ] == [
        ("Waar loop je tegenaan?", [("Wijkteamleden", ["te veel overleg"]), ("Vraagwijzers", ["wachtlijsten"])]),
        ("Wat heb je nodig?", [("Wijkteamleden", ["tijd"]), ("Vraagwijzers", ["een sociale kaart"])]),
    ]
    assert list(Action.objects.filter(session=sessions[0]).values_list("description", flat=True)) == [
        "Sociale kaart bijwerken"
    ]


@pytest.mark.browser
def test_a_removed_subgroup_takes_its_answer_fields_along_until_undone(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    log_in(page, live_server.url, "bg")
    page.goto(f"{live_server.url}/bijeenkomsten/{sessions[0].code}/verslag/")
    page.locator("#id_subgroep-0-name").fill("Wijkteamleden")
    answer = page.locator("#rij-deelvraag-0").get_by_label("Wijkteamleden")
    expect(answer).to_be_visible()

    page.locator("#rij-subgroep-0").get_by_label("Verwijderen").check()
    expect(page.locator("#rij-subgroep-0")).to_be_hidden()
    expect(answer).to_be_hidden()
    page.get_by_role("button", name="Ongedaan maken").click()
    expect(page.locator("#id_subgroep-0-name")).to_be_focused()
    expect(answer).to_be_visible()

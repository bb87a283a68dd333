"""Without JavaScript every "+ Nog een …" button saves the concept first: leaving afterwards loses nothing.
With it the row is added in the page (test_outcome_editor_browser.py), and leaving asks first."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Dialog, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in
from tests.factories import circle_with_sessions
from tests.pages import form_data


@pytest.mark.django_db
@pytest.mark.parametrize("button", ["meer-subgroep", "meer-deelvraag", "meer-onderdeel", "meer-actie"])
def test_the_add_button_saves_what_was_typed(
    client: Client, projectleider: User, begeleider: User, button: str
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    client.force_login(begeleider)
    url = f"/bijeenkomsten/{sessions[0].code}/verslag/"
    data = form_data(client.get(url).content.decode(), url)
    data.update(
        {
            "subgroep-0-name": "Wijkteamleden",
            "deelvraag-0-text": "Waar loop je tegenaan?",
            "onderdeel-0-heading": "Sterktes",
            "actie-0-description": "Sociale kaart bijwerken",
            "actie-0-owner_name": "Anna",
        }
    )

    response = client.post(url, {**data, button: ""})

    assert response.status_code == 302
    page = client.get(url).content.decode()  # the facilitator comes back later
    for typed in ("Wijkteamleden", "Waar loop je tegenaan?", "Sterktes", "Sociale kaart bijwerken"):
        assert typed in page, typed


@pytest.mark.browser
def test_leaving_with_unsaved_changes_asks_first(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    log_in(page, live_server.url, "bg")
    page.goto(f"{live_server.url}/bijeenkomsten/{sessions[0].code}/verslag/")
    asked: list[str] = []

    def answer(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)

    page.locator("#id_subgroep-0-name").fill("Wijkteamleden")
    page.get_by_role("button", name="+ Nog een subgroep").click()  # in the page: no question
    expect(page.locator("#id_subgroep-1-name")).to_be_visible()
    assert asked == []
    page.locator("#id_subgroep-1-name").click()  # a real gesture: Chromium asks only after one
    page.keyboard.type("Vraagwijzers")
    page.close(run_before_unload=True)
    for _ in range(40):
        if asked:
            break
        page.wait_for_timeout(50)

    assert asked == ["beforeunload"]


@pytest.mark.django_db
def test_the_move_labels_come_from_the_page_in_its_language(
    client: Client, projectleider: User, begeleider: User
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    client.force_login(begeleider)
    page = client.get(f"/bijeenkomsten/{sessions[0].code}/verslag/").content.decode()
    assert 'data-label-up="Omhoog"' in page and 'data-label-down="Omlaag"' in page
    script = (Path(settings.BASE_DIR) / "static" / "js" / "formsets.js").read_text(encoding="utf-8")
    assert "Omhoog" not in script and "Omlaag" not in script


@pytest.mark.browser
def test_the_move_buttons_use_the_labels_of_the_page(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    log_in(page, live_server.url, "bg")
    page.goto(f"{live_server.url}/bijeenkomsten/{sessions[0].code}/verslag/")
    expect(page.locator("#subgroep-lijst").get_by_role("button", name="Omhoog")).to_have_text("↑ Omhoog")

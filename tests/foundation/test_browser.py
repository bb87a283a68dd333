import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer


@pytest.mark.browser
def test_projectleider_logs_in_and_sees_dutch_navigation(
    page: Page, live_server: LiveServer, projectleider: User
) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Inloggen").click()
    page.get_by_label("Gebruikersnaam").fill("pl")
    page.get_by_label("Wachtwoord").fill("pw")
    page.get_by_role("button", name="Inloggen").click()
    nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    expect(nav.get_by_role("link", name="Rapporten")).to_be_visible()
    expect(nav.get_by_role("link", name="Bouwstenen")).to_be_visible()
    expect(nav.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

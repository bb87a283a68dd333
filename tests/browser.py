"""Shared steps of the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page


def log_in(page: Page, base_url: str, username: str, password: str = "pw") -> None:
    """Log in on the login page, as a person would, and wait until it has sent us on."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

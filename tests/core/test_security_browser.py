"""In a real browser our Content-Security-Policy blocks nothing of our own: styles, scripts, the SVG chart."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in
from tests.factories import build_world, first_session, make_report_circle, record_attendance, record_outcome


def watch_csp(page: Page) -> list[str]:
    blocked: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return blocked


@pytest.mark.browser
def test_pages_render_their_styles_scripts_and_chart_without_a_csp_violation(
    page: Page, live_server: LiveServer, projectleider: User, begeleider: User
) -> None:
    circle = make_report_circle(projectleider, [begeleider])
    session = first_session(circle)
    record_attendance(session)
    record_outcome(session)
    open_circle = build_world(projectleider, begeleider, begeleider).circle
    blocked = watch_csp(page)
    page.set_default_timeout(10_000)

    page.goto(f"{live_server.url}/aanbod/{open_circle.code}/")
    honeypot = page.locator(".lk-hp")
    box = honeypot.bounding_box()
    assert box is not None and box["x"] < 0, "the honeypot field is out of sight, by the stylesheet"

    log_in(page, live_server.url, "pl")
    page.goto(f"{live_server.url}/leerkringen/{circle.code}/")
    chart = page.locator(".attendance-chart svg")
    expect(chart).to_be_visible()
    chart_box = chart.bounding_box()
    assert chart_box is not None and chart_box["width"] > 100 and chart_box["height"] > 50
    assert page.locator(".attendance-chart rect").count() > 0

    page.goto(f"{live_server.url}/bijeenkomsten/{session.code}/verslag/")
    expect(page.locator("[data-formset-move]").first).to_be_attached()  # formsets.js ran
    width = page.locator("#language-select").evaluate("e => e.getBoundingClientRect().width")
    assert width < 250, "the language menu is as wide as its words (w-auto), not the whole bar"
    assert not blocked, "\n".join(blocked)

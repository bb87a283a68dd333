"""axe-core (vendored in tests/vendor) checks the pages as each role sees them, on the demo data.

Any WCAG 2.1 A/AA violation fails the test, whatever its impact (minor included), with the
rule and the elements it found. The report page is checked in each of its states.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle
from tests.browser import log_in
from tests.demo_pages import pages_by_role

AXE = (Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js").read_text()
WIDTHS = (1280, 600, 390)  # desktop; a small tablet, where wide tables scroll; a phone
RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    """Our Content-Security-Policy forbids inline scripts; the injected axe-core is one, by the test's own hand."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def reports_root(tmp_path: Path, settings: Settings) -> Path:
    settings.REPORTS_ROOT = tmp_path / "reports"
    return settings.REPORTS_ROOT


def violations(page: Page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    result = page.evaluate("async (rules) => await axe.run(document, rules)", RULES)
    return [
        f"{item['id']} ({item['impact']}): {[node['target'] for node in item['nodes'][:3]]}"
        for item in result["violations"]
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_have_no_accessibility_violations_of_any_impact(
    page: Page, live_server: LiveServer, reports_root: Path
) -> None:
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    found: dict[str, list[str]] = {}
    for role, paths in pages_by_role().items():
        page.context.clear_cookies()
        if role:
            log_in(page, live_server.url, role, "leerkring-demo")
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, f"{path} as {role}"
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                if found_here := violations(page):
                    found[f"{role or 'anonymous'} {path} at {width}px"] = found_here
    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_wide_table_on_a_small_tablet_is_reached_with_tab_and_scrolled_with_the_arrow_keys(
    page: Page, live_server: LiveServer
) -> None:
    """Below 576 px tables are stacked cards (test_phone_layout); from there on a wide one scrolls."""
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    circle = Circle.objects.get(name__startswith="Leerkring 1")
    page.set_viewport_size({"width": 600, "height": 900})
    log_in(page, live_server.url, "projectleider", "leerkring-demo")
    page.goto(f"{live_server.url}/leerkringen/{circle.code}/aanmeldingen/")
    region = page.get_by_role("region", name="Aanmeldingen")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth"), "the table is wider than the screen"

    for _ in range(80):
        page.keyboard.press("Tab")
        if region.evaluate("e => e === document.activeElement"):
            break
    expect(region).to_be_focused()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    # Chromium scrolls smoothly: wait for the arrow keys to have moved the table.
    page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle(), timeout=3000)
    outline = region.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid", "the focused region shows the focus ring"

"""On a 390 px phone every page of every role reads without sideways scrolling, actions in sight.

Tables become stacked cards on small screens (static/css/leerkring.css, `table-stack`), so neither
the page nor a table's scroll region is wider than the screen, and each row's main action (its
first link or button) lies within the screen and is visible.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Page, ViewportSize
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle
from tests.browser import log_in
from tests.demo_pages import pages_by_role

PHONE: ViewportSize = {"width": 390, "height": 844}

# What does not fit: the page wider than the screen, a scroll region wider than itself, a row
# whose first link or button is hidden or reaches outside the screen (or the box that clips it).
SIDEWAYS = r"""() => {
  const problems = [];
  const screen = window.innerWidth;
  const name = (e) => (e.getAttribute('aria-label')
    || document.getElementById(e.getAttribute('aria-labelledby') || '')?.textContent
    || e.querySelector('caption, th')?.textContent || e.className).trim();
  const page = document.documentElement.scrollWidth;
  if (page > screen) problems.push(`the page is ${page}px wide`);
  for (const region of document.querySelectorAll('.table-responsive, [role=region]')) {
    if (region.scrollWidth > region.clientWidth) {
      problems.push(`"${name(region)}" scrolls sideways: ${region.scrollWidth}px in ${region.clientWidth}px`);
    }
  }
  for (const row of document.querySelectorAll('tbody tr')) {
    const action = row.querySelector('a[href], button');
    if (!action || !row.checkVisibility({visibilityProperty: true})) continue;
    const label = `"${action.textContent.trim()}" in row "${row.textContent.replace(/\s+/g, " ").trim().slice(0, 40)}"`;
    if (!action.checkVisibility({visibilityProperty: true, opacityProperty: true})) {
      problems.push(`${label} is hidden`);
      continue;
    }
    const box = action.getBoundingClientRect();
    let left = 0, right = screen;
    for (let e = action.parentElement; e; e = e.parentElement) {
      if (getComputedStyle(e).overflowX === 'visible') continue;
      const clip = e.getBoundingClientRect();
      left = Math.max(left, clip.left);
      right = Math.min(right, clip.right);
    }
    if (box.width === 0 || box.left < left - 0.5 || box.right > right + 0.5) {
      const [from, to, seen, until] = [box.left, box.right, left, right].map(Math.round);
      problems.push(`${label} spans ${from}-${to}px, in sight ${seen}-${until}px`);
    }
  }
  return problems;
}"""


@pytest.fixture
def reports_root(tmp_path: Path, settings: Settings) -> Path:
    settings.REPORTS_ROOT = tmp_path / "reports"
    return settings.REPORTS_ROOT


def seed_demo() -> None:
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_fits_a_phone_with_each_rows_action_in_sight(
    page: Page, live_server: LiveServer, reports_root: Path
) -> None:
    seed_demo()
    page.set_viewport_size(PHONE)
    found: dict[str, list[str]] = {}
    for role, paths in pages_by_role().items():
        page.context.clear_cookies()
        if role:
            log_in(page, live_server.url, role, "leerkring-demo")
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, f"{path} as {role}"
            if problems := page.evaluate(SIDEWAYS):
                found[f"{role or 'anonymous'} {path}"] = problems
    assert found == {}, "\n".join(f"{where}: {problem}" for where, problems in found.items() for problem in problems)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_catalogues_first_screen_on_a_phone_shows_the_first_circle(page: Page, live_server: LiveServer) -> None:
    seed_demo()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    box = page.locator("article h3").first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box


def table_in_the_accessibility_tree(page: Page) -> tuple[dict[str, int], list[str]]:
    """Chromium's accessibility tree, what a screen reader gets: the count of each table role, the cells' names."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    roles = [node.get("role", {}).get("value") for node in nodes]
    counts = {role: roles.count(role) for role in ("table", "row", "columnheader", "cell")}
    cells = [node.get("name", {}).get("value", "") for node in nodes if node.get("role", {}).get("value") == "cell"]
    return counts, cells


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_stacked_table_is_still_a_table_to_a_screen_reader(page: Page, live_server: LiveServer) -> None:
    seed_demo()
    circle = Circle.objects.get(name__startswith="Leerkring 1")
    log_in(page, live_server.url, "projectleider", "leerkring-demo")
    seen = {}
    for width in (1280, PHONE["width"]):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        page.goto(f"{live_server.url}/leerkringen/{circle.code}/aanmeldingen/")
        seen[width] = table_in_the_accessibility_tree(page)
    (desktop, desktop_cells), (phone, phone_cells) = seen[1280], seen[PHONE["width"]]
    assert phone == desktop and phone["columnheader"] == 7, (phone, desktop)
    # The column names shown in the cards are not read out again: the headers already name each cell.
    assert phone_cells == desktop_cells
    assert "Wijkteam" in phone_cells

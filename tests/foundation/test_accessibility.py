"""axe-core (vendored in tests/vendor) checks the pages as each role sees them, on the demo data.

Any WCAG 2.1 A/AA violation fails the test, whatever its impact (minor included), with the
rule and the elements it found. The report page is checked in each of its states.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle, Session
from reports.models import PeriodReport, Report
from tests.browser import log_in

AXE = (Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js").read_text()
WIDTHS = (1280, 390)
RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    """Our Content-Security-Policy forbids inline scripts; the injected axe-core is one, by the test's own hand."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def reports_root(tmp_path: Path, settings: Settings) -> Path:
    settings.REPORTS_ROOT = tmp_path / "reports"
    return settings.REPORTS_ROOT


def reports_in_each_state(circle: Circle) -> list[Report]:
    """A circle report waiting, being made, failed and done (its file a stand-in: only the page is checked)."""
    reports = [
        Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, status=status, error=error)
        for status, error in [
            (Report.Status.QUEUED, ""),
            (Report.Status.RENDERING, ""),
            (Report.Status.FAILED, "De PDF kon niet worden gemaakt: de tijd was om."),
            (Report.Status.DONE, ""),
        ]
    ]
    reports[-1].file.save("rapport.pdf", ContentFile(b"%PDF-1.7"), save=False)
    reports[-1].finished_at = timezone.now()
    reports[-1].save()
    return reports


def pages_by_role() -> dict[str | None, list[str]]:
    circle = Circle.objects.get(name__startswith="Leerkring 1")
    concept = Circle.objects.get(status=Circle.Status.CONCEPT)
    established, concept_outcome = (Session.objects.get(circle=circle, number=number).code for number in (2, 3))
    period_report = PeriodReport.objects.create(kind=PeriodReport.Kind.SIGNALS, period=2026)
    signed_up = circle.registrations.order_by("pk").values_list("code", flat=True).first()
    return {
        None: [
            "/",
            f"/aanbod/{circle.code}/",
            "/privacy/",
            "/toegankelijkheid/",
            "/bouwstenen/",
            "/accounts/login/",
            "/controle/",
        ],
        "projectleider": [
            "/leerkringen/",
            "/leerkringen/nieuw/",
            f"/leerkringen/{circle.code}/",
            f"/leerkringen/{concept.code}/",
            f"/leerkringen/{circle.code}/aanmeldingen/",
            f"/leerkringen/{circle.code}/aanmeldingen/nieuw/",
            f"/leerkringen/{circle.code}/wijzigen/",
            f"/leerkringen/{circle.code}/kopieren/",
            f"/leerkringen/{circle.code}/geschiedenis/",
            f"/bijeenkomsten/leerkring/{concept.code}/reeks/",
            f"/bijeenkomsten/{established}/wijzigen/",
            f"/bijeenkomsten/leerkring/{circle.code}/evaluatie/",
            f"/rapporten/leerkring/{circle.code}/deelnamebewijzen/",
            "/bijeenkomsten/acties/",
            "/bijeenkomsten/signalen/",
            "/rapporten/programma/2026/",
            "/start/",
            "/rapporten/",
            *(f"/rapporten/{report.code}/" for report in reports_in_each_state(circle)),
            f"/rapporten/periode/{period_report.code}/",
        ],
        "staf": [
            "/leerkringen/",
            f"/leerkringen/{circle.code}/",
            "/rapporten/",
            "/avg/logboek/",
            "/avg/",
            f"/avg/aanmelding/{signed_up}/",
        ],
        "begeleider": [
            "/bijeenkomsten/mijn/",
            f"/bijeenkomsten/{concept_outcome}/verslag/",
            f"/bijeenkomsten/{concept_outcome}/aanwezigheid/",
            f"/bijeenkomsten/{established}/verslag/",
        ],
    }


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
            for width in WIDTHS:  # on a phone, wide tables scroll sideways: reachable by keyboard?
                page.set_viewport_size({"width": width, "height": 900})
                if found_here := violations(page):
                    found[f"{role or 'anonymous'} {path} at {width}px"] = found_here
    assert found == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_wide_table_on_a_phone_is_reached_with_tab_and_scrolled_with_the_arrow_keys(
    page: Page, live_server: LiveServer
) -> None:
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    circle = Circle.objects.get(name__startswith="Leerkring 1")
    page.set_viewport_size({"width": 390, "height": 900})
    log_in(page, live_server.url, "projectleider", "leerkring-demo")
    page.goto(f"{live_server.url}/leerkringen/{circle.code}/aanmeldingen/")
    region = page.get_by_role("region", name="Aanmeldingen")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth"), "the table is wider than the phone"

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

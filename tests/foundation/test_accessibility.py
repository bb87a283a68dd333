"""axe-core (vendored in tests/vendor) checks the pages as each role sees them, on the demo data.

Any WCAG 2.1 A/AA violation of impact serious or critical fails the test, with the rule and
the elements it found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle, Session
from tests.browser import log_in

AXE = (Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js").read_text()
RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    """Our Content-Security-Policy forbids inline scripts; the injected axe-core is one, by the test's own hand."""
    return {**browser_context_args, "bypass_csp": True}


def pages_by_role() -> dict[str | None, list[str]]:
    circle = Circle.objects.get(name__startswith="Leerkring 1")
    concept = Circle.objects.get(status=Circle.Status.CONCEPT)
    established, concept_outcome = (Session.objects.get(circle=circle, number=number).code for number in (2, 3))
    return {
        None: ["/", f"/aanbod/{circle.code}/", "/privacy/", "/bouwstenen/", "/accounts/login/"],
        "projectleider": [
            "/leerkringen/",
            "/leerkringen/nieuw/",
            f"/leerkringen/{circle.code}/",
            f"/leerkringen/{concept.code}/",
            f"/leerkringen/{circle.code}/aanmeldingen/",
            "/rapporten/",
        ],
        "begeleider": [
            "/bijeenkomsten/mijn/",
            f"/bijeenkomsten/{concept_outcome}/verslag/",
            f"/bijeenkomsten/{concept_outcome}/aanwezigheid/",
            f"/bijeenkomsten/{established}/verslag/",
        ],
    }


def serious_violations(page: Page) -> list[str]:
    page.add_script_tag(content=AXE)
    result = page.evaluate("async (rules) => await axe.run(document, rules)", RULES)
    return [
        f"{item['id']} ({item['impact']}): {[node['target'] for node in item['nodes'][:3]]}"
        for item in result["violations"]
        if item["impact"] in {"serious", "critical"}
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_have_no_serious_accessibility_violations(page: Page, live_server: LiveServer) -> None:
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
            if violations := serious_violations(page):
                found[f"{role or 'anonymous'} {path}"] = violations
    assert found == {}

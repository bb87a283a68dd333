"""axe-core checks the admin pages a Werkplaats's beheerder uses, as it checks ours: WCAG 2.1 A/AA,
every impact counted. Lists, forms with inlines, checkboxes and date inputs, and the breadcrumbs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle, Registration, Session
from sessions.models import Outcome
from tests.browser import log_in
from tests.foundation.test_accessibility import WIDTHS, violations


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    """The injected axe-core is an inline script, by the test's own hand: past our Content-Security-Policy."""
    return {**browser_context_args, "bypass_csp": True}


def admin_pages() -> list[str]:
    circle = Circle.objects.filter(status_changes__isnull=False).first() or Circle.objects.first()
    assert circle is not None
    session = Session.objects.filter(circle=circle).first()
    registration = Registration.objects.filter(circle=circle).first()
    outcome = Outcome.objects.first()
    assert session and registration and outcome
    return [
        "/admin/",
        "/admin/circles/",
        "/admin/circles/circle/",
        f"/admin/circles/circle/{circle.pk}/change/",
        "/admin/circles/session/",
        f"/admin/circles/session/{session.pk}/change/",
        "/admin/circles/registration/",
        f"/admin/circles/registration/{registration.pk}/change/",
        f"/admin/circle_sessions/outcome/{outcome.pk}/change/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        f"/admin/auth/user/{User.objects.get(username='begeleider').pk}/change/",
        "/admin/auditlog/logentry/",
        "/admin/core/outgoingmail/",
        "/admin/reports/report/",
        "/admin/reports/certificate/",
        "/admin/buildingblocks/buildingblock/1/change/",
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_admin_pages_have_no_accessibility_violations_of_any_impact(page: Page, live_server: LiveServer) -> None:
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    User.objects.create_superuser("beheer", "beheer@example.org", "beheer-wachtwoord", first_name="Bea")
    log_in(page, live_server.url, "beheer", "beheer-wachtwoord")
    found: dict[str, list[str]] = {}
    for path in admin_pages():
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if found_here := violations(page):
                found[f"{path} at {width}px"] = found_here
    assert found == {}, "\n".join(f"{where}: {what}" for where, what in found.items())

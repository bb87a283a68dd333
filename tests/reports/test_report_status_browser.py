"""A queued report's page shows "Klaar" and the download button by itself, without reloading."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from circles.models import Circle
from reports.models import Report
from tests.browser import log_in


@pytest.mark.browser
def test_a_queued_report_page_turns_into_klaar_with_a_download_without_navigating(
    page: Page, live_server: LiveServer, circle: Circle, projectleider: User
) -> None:
    report = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, requested_by=projectleider)
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security" in message.text else None)
    navigations: list[str] = []
    log_in(page, live_server.url, "pl")
    page.goto(f"{live_server.url}/rapporten/{report.code}/")
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    status = page.get_by_role("status")
    expect(status).to_contain_text("In de wachtrij")
    refresh = page.get_by_role("link", name="Vernieuwen")
    expect(refresh).to_be_visible()
    refresh.focus()

    # The worker finishes: the row is marked done with its file.
    report.file.save("rapport.pdf", ContentFile(b"%PDF-1.7"), save=False)
    report.status = Report.Status.DONE
    report.finished_at = timezone.now()
    report.save()

    download = status.get_by_role("link", name="Downloaden")
    expect(download).to_be_visible(timeout=10_000)
    expect(status).to_contain_text("Klaar")
    expect(download).to_have_attribute("href", f"/rapporten/{report.code}/download/")
    expect(refresh).to_be_hidden()
    expect(download).to_be_focused()
    assert navigations == [], "the page did not reload or navigate"
    assert blocked == [], "the script runs under our Content-Security-Policy"

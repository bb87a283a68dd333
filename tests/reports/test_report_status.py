"""The status URL a report's page asks while its PDF is on its way, and the page without a meta refresh."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from circles.models import Circle
from reports.models import PeriodReport, Report

pytestmark = pytest.mark.django_db


def circle_report(circle: Circle, status: str = Report.Status.QUEUED) -> Report:
    report = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, status=status)
    if status == Report.Status.DONE:
        report.file.save("rapport.pdf", ContentFile(b"%PDF-1.7"), save=False)
        report.finished_at = timezone.now()
        report.save()
    if status == Report.Status.FAILED:
        Report.objects.filter(pk=report.pk).update(error="De printer is stuk.")
    return report


@pytest.mark.parametrize(
    ("status", "pending", "text"),
    [
        (Report.Status.QUEUED, True, "De PDF staat in de wachtrij."),
        (Report.Status.RENDERING, True, "De PDF wordt nu gemaakt."),
        (Report.Status.DONE, False, "Klaar sinds"),
        (Report.Status.FAILED, False, "De printer is stuk."),
    ],
)
def test_the_status_url_answers_the_status_and_its_text(
    client: Client, circle: Circle, projectleider: User, status: str, pending: bool, text: str
) -> None:
    report = circle_report(circle, status)
    client.force_login(projectleider)

    response = client.get(reverse("reports:status", args=[report.code]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert body["status"] == status
    assert body["pending"] is pending
    assert text in body["html"]
    has_download = f'href="/rapporten/{report.code}/download/"' in body["html"]
    assert has_download is (status == Report.Status.DONE)
    assert ("Opnieuw proberen" in body["html"]) is (status == Report.Status.FAILED)


def test_the_status_url_is_checked_like_the_report_page(
    client: Client, circle: Circle, outsider: User, begeleider: User
) -> None:
    report = circle_report(circle)
    for user, expected in [(outsider, 404), (begeleider, 403)]:
        client.force_login(user)
        assert client.get(reverse("reports:detail", args=[report.code])).status_code == expected
        assert client.get(reverse("reports:status", args=[report.code])).status_code == expected
    client.logout()
    assert client.get(reverse("reports:status", args=[report.code])).status_code == 302


@pytest.mark.parametrize("status", [Report.Status.QUEUED, Report.Status.RENDERING])
def test_a_pending_report_page_has_no_meta_refresh_but_vernieuwen_and_the_script(
    client: Client, circle: Circle, projectleider: User, status: str
) -> None:
    report = circle_report(circle, status)
    client.force_login(projectleider)

    page = client.get(reverse("reports:detail", args=[report.code])).content.decode()

    assert 'http-equiv="refresh"' not in page
    assert f'href="/rapporten/{report.code}/" data-report-refresh>Vernieuwen</a>' in page
    assert 'role="status" aria-live="polite"' in page
    assert f'data-report-status="/rapporten/{report.code}/status/"' in page
    assert 'js/report-status.js" defer></script>' in page


def test_a_finished_report_page_neither_polls_nor_offers_vernieuwen(
    client: Client, circle: Circle, projectleider: User
) -> None:
    report = circle_report(circle, Report.Status.DONE)
    client.force_login(projectleider)

    page = client.get(reverse("reports:detail", args=[report.code])).content.decode()

    assert "Vernieuwen" not in page
    assert "report-status.js" not in page
    assert f'href="/rapporten/{report.code}/download/"' in page


def test_the_period_report_page_and_status_url_work_the_same(client: Client, staf: User, outsider: User) -> None:
    report = PeriodReport.objects.create(kind=PeriodReport.Kind.SIGNALS, period=2014, requested_by=staf)
    client.force_login(staf)

    page = client.get(reverse("reports:period_detail", args=[report.code])).content.decode()
    body = client.get(reverse("reports:period_status", args=[report.code])).json()

    assert 'http-equiv="refresh"' not in page
    assert f'href="/rapporten/periode/{report.code}/" data-report-refresh>Vernieuwen</a>' in page
    assert f'data-report-status="/rapporten/periode/{report.code}/status/"' in page
    assert body["status"] == "wachtrij" and body["pending"] is True
    assert "De PDF staat in de wachtrij." in body["html"]
    client.force_login(outsider)
    assert client.get(reverse("reports:period_status", args=[report.code])).status_code == 404

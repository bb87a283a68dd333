"""The report pages as a user sees them: PDF maken, the status page, Downloaden, the list."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.http import FileResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import now

from circles.models import Circle, Session
from reports import tasks
from reports.models import Report
from sessions.models import Outcome
from tests.factories import first_session, make_report_circle, record_attendance, record_outcome
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


def request_circle_report(client: Client, circle: Circle, capture: Any) -> Any:
    """POST 'PDF maken' (the eager task runs once the request's transaction commits), then follow."""
    with capture(execute=True):
        response = client.post(reverse("reports:request_circle", args=[circle.code]))
    assert response.status_code == 302
    page: Any = client.get(response["Location"])  # Any: the test notes on it where it was sent
    page.redirected_to = response["Location"]
    return page


def test_projectleider_makes_a_circle_report_and_downloads_it(
    client: Client, circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    record_attendance(first_session(circle))
    client.force_login(projectleider)

    response = request_circle_report(client, circle, django_capture_on_commit_callbacks)

    report = Report.objects.get()
    assert response.redirected_to == reverse("reports:detail", args=[report.code])
    page = response.content.decode()
    assert "Klaar" in page
    assert 'http-equiv="refresh"' not in page
    assert "Deze PDF bevat namen van deelnemers" in page
    download = client.get(reverse("reports:download", args=[report.code]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    day = timezone.localdate(report.created_at).isoformat()
    assert download["Content-Disposition"] == (
        f'attachment; filename="rapport-leerkring-1-methodiekontwikkeling-{day}.pdf"'
    )
    assert download["Cache-Control"] == "private, no-store"
    assert isinstance(download, FileResponse)
    assert "Rapport Leerkring 1 - Methodiekontwikkeling" in pdf_text(b"".join(download.streaming_content))
    assert f'href="/rapporten/{report.code}/download/"' in page
    assert "Downloaden" in page


def test_asking_again_for_unchanged_content_hands_back_that_pdf(
    client: Client, circle: Circle, staf: User, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(staf)
    request_circle_report(client, circle, django_capture_on_commit_callbacks)

    again = request_circle_report(client, circle, django_capture_on_commit_callbacks)

    first = Report.objects.get()
    assert again.redirected_to == reverse("reports:detail", args=[first.code])
    assert "De inhoud is niet veranderd sinds de vorige PDF" in again.content.decode()

    record_attendance(first_session(circle))  # the content changes
    request_circle_report(client, circle, django_capture_on_commit_callbacks)

    assert Report.objects.count() == 2
    assert Report.objects.exclude(pk=first.pk).get().content_hash != first.content_hash


def test_a_pdf_of_a_changed_verslag_is_made_again(
    client: Client, circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    session = first_session(circle)
    record_outcome(session)
    client.force_login(projectleider)
    url = reverse("reports:request_session", args=[session.code])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)
    assert Report.objects.count() == 1

    # Every write path stamps updated_at (outcome_save does so in its UPDATE): the report fingerprint reads it.
    Outcome.objects.filter(session=session).update(central_question="Een nieuwe centrale vraag?", updated_at=now())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    newest = Report.objects.first()
    assert newest is not None
    assert Report.objects.count() == 2
    assert "Een nieuwe centrale vraag?" in pdf_text(newest.file.read())


def test_a_pending_report_page_offers_vernieuwen_and_no_download(
    client: Client, circle: Circle, projectleider: User
) -> None:
    report = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, requested_by=projectleider)
    client.force_login(projectleider)

    page = client.get(reverse("reports:detail", args=[report.code])).content.decode()

    assert 'http-equiv="refresh"' not in page
    assert "De PDF staat in de wachtrij" in page
    assert f'href="/rapporten/{report.code}/" data-report-refresh>Vernieuwen</a>' in page
    assert "/download/" not in page
    assert client.get(reverse("reports:download", args=[report.code])).status_code == 404


def test_a_failed_report_shows_its_reason_and_offers_to_try_again(
    client: Client, circle: Circle, projectleider: User
) -> None:
    report = Report.objects.create(
        kind=Report.Kind.CIRCLE_REPORT, circle=circle, status=Report.Status.FAILED, error="Een tijdelijke storing."
    )
    client.force_login(projectleider)

    page = client.get(reverse("reports:detail", args=[report.code])).content.decode()

    assert "Een tijdelijke storing." in page
    assert "Opnieuw proberen" in page
    assert reverse("reports:retry", args=[report.code]) in page
    assert 'http-equiv="refresh"' not in page


def test_a_session_without_verslag_is_refused_with_a_message(
    client: Client, circle: Circle, projectleider: User
) -> None:
    session = first_session(circle)
    client.force_login(projectleider)
    url = reverse("reports:request_session", args=[session.code])

    response = client.post(url, {"next": "/rapporten/?pagina=1"}, follow=True)

    assert response.redirect_chain == [("/rapporten/?pagina=1", 302)]
    assert "Deze bijeenkomst heeft nog geen verslag" in response.content.decode()
    assert not Report.objects.exists()
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == reverse("reports:index")


@pytest.fixture
def summary(circle: Circle, projectleider: User) -> Report:
    session = first_session(circle)
    record_outcome(session)
    return Report.objects.create(kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session)


@pytest.mark.parametrize(
    ("persona", "summary_status", "circle_report_status"),
    [
        ("projectleider", 200, 200),
        ("staf", 200, 200),
        ("begeleider", 200, 403),
        ("begeleider2", 404, 404),
        ("outsider", 404, 404),
        ("superuser", 200, 200),
    ],
)
def test_who_opens_which_report(
    client: Client,
    request: pytest.FixtureRequest,
    circle: Circle,
    summary: Report,
    persona: str,
    summary_status: int,
    circle_report_status: int,
) -> None:
    """A facilitator opens the summaries of the circle they guide, not the circle report with names."""
    circle_report = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, include_personal_data=True)
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("reports:detail", args=[summary.code])).status_code == summary_status
    assert client.get(reverse("reports:detail", args=[circle_report.code])).status_code == circle_report_status


@pytest.fixture
def rendered_reports(circle: Circle, summary: Report) -> dict[str, Report]:
    """Three finished PDFs of one circle: a summary without names, one with names, and the circle report."""
    named_summary = Report.objects.create(
        kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=summary.session, include_personal_data=True
    )
    circle_report = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, include_personal_data=True)
    reports = {"summary": summary, "named_summary": named_summary, "circle_report": circle_report}
    for report in reports.values():
        tasks.report_render.delay(report.pk)
        report.refresh_from_db()
        assert report.is_done
    return reports


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("projectleider", {"summary": 200, "named_summary": 200, "circle_report": 200}),
        ("staf", {"summary": 200, "named_summary": 200, "circle_report": 200}),
        ("begeleider", {"summary": 200, "named_summary": 403, "circle_report": 403}),
        ("begeleider2", {"summary": 404, "named_summary": 404, "circle_report": 404}),
        ("outsider", {"summary": 404, "named_summary": 404, "circle_report": 404}),
        ("superuser", {"summary": 200, "named_summary": 200, "circle_report": 200}),
        ("anonymous", {"summary": 302, "named_summary": 302, "circle_report": 302}),
    ],
)
def test_who_downloads_which_report(
    client: Client,
    request: pytest.FixtureRequest,
    rendered_reports: dict[str, Report],
    persona: str,
    expected: dict[str, int],
) -> None:
    """A facilitator downloads only the summaries without names of the circle they guide."""
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    for name, report in rendered_reports.items():
        url = reverse("reports:download", args=[report.code])
        response = client.get(url)
        assert response.status_code == expected[name], name
        if response.status_code == 302:
            assert response["Location"] == f"{reverse('login')}?next={url}"
        if response.status_code == 200:
            assert response["Content-Type"] == "application/pdf"


def test_download_file_name_is_plain_ascii(client: Client, projectleider: User, begeleider: User) -> None:
    circle = make_report_circle(projectleider, [begeleider], sessions=1, name='Zuid – Feijenoord & "Charlois"/../é')
    session = circle.sessions.get()
    record_outcome(session)
    report = Report.objects.create(kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session)
    tasks.report_render.delay(report.pk)
    client.force_login(begeleider)

    response = client.get(reverse("reports:download", args=[report.code]))

    assert response["Content-Disposition"] == (
        'attachment; filename="samenvatting-opbrengst-zuid-feijenoord-charloise-bijeenkomst-1-2014-10-13.pdf"'
    )


def make_reports(circle: Circle, sessions: list[Session], count: int) -> None:
    for index in range(count):
        Report.objects.create(
            kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=sessions[index % len(sessions)], requested_by=None
        )


def test_report_list_is_paginated_at_a_fixed_query_count(
    client: Client, circle: Circle, projectleider: User, staf: User
) -> None:
    sessions = list(circle.sessions.all())
    client.force_login(staf)
    make_reports(circle, sessions, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:index"))
    make_reports(circle, sessions, 28)
    Report.objects.update(requested_by=projectleider)
    with CaptureQueriesContext(connection) as many:
        first_page = client.get(reverse("reports:index")).content.decode()

    assert len(many) == len(few)
    assert first_page.count('href="/rapporten/') >= 25
    assert "Pagina 1 van 2" in first_page
    assert "Elizabeth van Twist" in first_page
    second = client.get(reverse("reports:index"), {"pagina": 2}).content.decode()
    assert second.count("Samenvatting opbrengst</a>") == 5


def test_empty_report_list_says_how_to_make_one(client: Client, staf: User) -> None:
    client.force_login(staf)
    assert "Er zijn nog geen rapporten gemaakt" in client.get(reverse("reports:index")).content.decode()


def pdf_maken_form(url: str) -> str:
    return f'<form method="post" action="{url}">'


@pytest.mark.parametrize(("persona", "offered"), [("projectleider", True), ("staf", True), ("begeleider", False)])
def test_circle_page_offers_pdf_maken_to_who_may_request_reports(
    client: Client, request: pytest.FixtureRequest, circle: Circle, persona: str, offered: bool
) -> None:
    client.force_login(request.getfixturevalue(persona))
    url = reverse("circles:detail", args=[circle.code])

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert (pdf_maken_form(reverse("reports:request_circle", args=[circle.code])) in page) is offered
    assert ("PDF maken" in page) is offered
    if offered:
        assert f'name="next" value="{url}"' in page


def test_verslag_page_box_links_the_latest_summary_for_its_facilitator(
    client: Client, circle: Circle, projectleider: User, begeleider: User, summary: Report
) -> None:
    session = summary.session
    assert session is not None
    Report.objects.filter(pk=summary.pk).update(status=Report.Status.DONE, file="2026/11/x.pdf")
    verslag = reverse("sessions:outcome", args=[session.code])
    form = pdf_maken_form(reverse("reports:request_session", args=[session.code]))
    download = f'href="{reverse("reports:download", args=[summary.code])}"'

    client.force_login(projectleider)
    for_leader = client.get(verslag).content.decode()
    client.force_login(begeleider)
    for_facilitator = client.get(verslag).content.decode()

    assert form in for_leader
    assert download in for_leader
    assert download in for_facilitator
    assert form not in for_facilitator
    assert "PDF maken" not in for_facilitator
    without_verslag = circle.sessions.last()
    assert without_verslag is not None
    client.force_login(projectleider)
    page = client.get(reverse("sessions:outcome", args=[without_verslag.code])).content.decode()
    assert "Zodra er een verslag is" in page
    assert pdf_maken_form(reverse("reports:request_session", args=[without_verslag.code])) not in page

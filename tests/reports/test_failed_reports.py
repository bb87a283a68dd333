"""A failed report says why, and is rendered again only when someone asks (issue 9, point 5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.timezone import now

from circles.models import Circle, Session
from reports import pdf
from reports.models import Report
from sessions.models import Outcome
from tests.factories import first_session, record_outcome
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(circle: Circle) -> Session:
    session = first_session(circle)
    record_outcome(session, central_question="Waar loop je tegenaan?")
    return session


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Counts renders; while `broken` is set, every render fails as a program error would."""
    state: dict[str, Any] = {"count": 0, "broken": True}
    real = pdf.render_pdf

    def render(**kwargs: Any) -> bytes:
        state["count"] += 1
        if state["broken"]:
            raise RuntimeError("layout failed")
        return real(**kwargs)

    monkeypatch.setattr(pdf, "render_pdf", render)
    return state


def _post(client: Client, url: str, capture: Callable[..., Any]) -> Any:
    with capture(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    return client.get(response["Location"])


def test_pdf_maken_again_shows_the_failed_report_and_does_not_render_it_again(
    client: Client,
    session: Session,
    projectleider: User,
    renders: dict[str, Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    client.force_login(projectleider)
    url = reverse("reports:request_session", args=[session.code])
    first = _post(client, url, django_capture_on_commit_callbacks).content.decode()
    failed = Report.objects.get()
    assert failed.status == Report.Status.FAILED
    assert "De PDF kon niet worden gemaakt door een fout in het programma." in first
    assert "Opnieuw proberen" in first

    for _click in range(3):
        page = _post(client, url, django_capture_on_commit_callbacks).content.decode()
        assert "Met deze inhoud is het maken van de PDF eerder mislukt; hieronder staat waarom." in page
        assert "De PDF kon niet worden gemaakt door een fout in het programma." in page

    assert Report.objects.count() == 1
    assert renders["count"] == 1


def test_opnieuw_proberen_makes_a_new_attempt_that_can_succeed(
    client: Client,
    session: Session,
    projectleider: User,
    renders: dict[str, Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    client.force_login(projectleider)
    _post(client, reverse("reports:request_session", args=[session.code]), django_capture_on_commit_callbacks)
    failed = Report.objects.get()
    renders["broken"] = False  # the cause is gone

    page = _post(client, reverse("reports:retry", args=[failed.code]), django_capture_on_commit_callbacks)

    retried = Report.objects.exclude(pk=failed.pk).get()
    assert (retried.status, renders["count"]) == (Report.Status.DONE, 2)
    assert "Downloaden" in page.content.decode()
    assert "Waar loop je tegenaan?" in pdf_text(retried.file.read())
    failed.refresh_from_db()
    assert failed.status == Report.Status.FAILED  # its history stays as it was


def test_a_changed_verslag_is_rendered_without_asking(
    client: Client,
    session: Session,
    projectleider: User,
    renders: dict[str, Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    client.force_login(projectleider)
    url = reverse("reports:request_session", args=[session.code])
    _post(client, url, django_capture_on_commit_callbacks)
    renders["broken"] = False
    Outcome.objects.filter(session=session).update(central_question="Korter gemaakt", updated_at=now())

    _post(client, url, django_capture_on_commit_callbacks)

    assert renders["count"] == 2
    assert Report.objects.filter(status=Report.Status.DONE).count() == 1


def test_retry_of_a_report_that_did_not_fail_goes_to_its_page(
    client: Client, session: Session, projectleider: User
) -> None:
    report = Report.objects.create(kind=Report.Kind.SESSION_SUMMARY, circle=session.circle, session=session)
    client.force_login(projectleider)
    response = client.post(reverse("reports:retry", args=[report.code]))
    assert response["Location"] == reverse("reports:detail", args=[report.code])
    assert Report.objects.count() == 1


def test_only_who_requests_reports_may_try_again(client: Client, session: Session, begeleider: User) -> None:
    report = Report.objects.create(
        kind=Report.Kind.SESSION_SUMMARY, circle=session.circle, session=session, status=Report.Status.FAILED
    )
    client.force_login(begeleider)
    page = client.get(reverse("reports:detail", args=[report.code])).content.decode()
    assert "Opnieuw proberen" not in page
    assert client.post(reverse("reports:retry", args=[report.code])).status_code == 403

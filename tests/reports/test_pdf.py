"""Render failures that must not end in a 'klaar' PDF, and static assets behind symlinks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from pytest_django.fixtures import Settings

from circles.models import Circle
from reports import pdf, services, tasks
from reports.models import Report
from tests.factories import first_session, record_outcome

pytestmark = pytest.mark.django_db

STYLESHEET = f'<link rel="stylesheet" href="{pdf.STATIC_SCHEME}:/reports/pdf.css"><p>Tekst</p>'


def test_a_stylesheet_that_cannot_be_read_fails_the_render(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf, "static_path_for", lambda url: tmp_path / "gone.css")
    with pytest.raises(FileNotFoundError):
        pdf.html_to_pdf(STYLESHEET)


def test_the_stylesheet_is_read_when_it_is_there() -> None:
    assert pdf.html_to_pdf(STYLESHEET).startswith(b"%PDF")


def clear_finders() -> None:
    # get_finder is an lru_cache; django-stubs types it as a plain callable.
    finders.get_finder.cache_clear()  # type: ignore[attr-defined]


def test_a_symlink_out_of_a_static_folder_is_refused(tmp_path: Path, settings: Settings) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    static = tmp_path / "static"
    static.mkdir()
    (static / "link.txt").symlink_to(secret)
    settings.STATICFILES_DIRS = [static]
    clear_finders()
    try:
        with pytest.raises(pdf.AssetRefused, match="outside its folder"):
            pdf.static_path_for(f"{pdf.STATIC_SCHEME}:/link.txt")
    finally:
        clear_finders()


def test_a_render_past_the_soft_time_limit_fails_at_once_with_its_own_reason(
    circle: Circle, projectleider: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = first_session(circle)
    record_outcome(session)
    report = Report.objects.create(
        kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session, requested_by=projectleider
    )

    def too_slow(**kwargs: Any) -> bool:
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(services, "report_render_file", too_slow)
    tasks.report_render.delay(report.pk)

    report.refresh_from_db()
    assert (report.status, report.attempts) == (Report.Status.FAILED, 1)
    assert "duurde te lang" in report.error

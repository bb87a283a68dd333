"""The data-access log: every view or export of personal data is a row with who, when, what and why."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries
from pytest_django.fixtures import Settings

from circles.models import Circle
from leerkring.core.dataaccess import Kind, Purpose, data_access_record
from leerkring.core.models import DataAccess
from reports.models import Report
from tests.factories import make_circle, make_registration, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle(projectleider: User) -> Circle:
    circle = make_circle(projectleider, name="Leerkring Charlois", status=Circle.Status.PUBLISHED)
    make_registration(circle)
    return circle


def only_row() -> DataAccess:
    rows = list(DataAccess.objects.all())
    assert len(rows) == 1
    return rows[0]


def test_the_csv_export_is_logged_with_who_what_why_and_the_request_id(
    client: Client, staf: User, circle: Circle
) -> None:
    client.force_login(staf)
    response = client.get(reverse("circles:registrations_csv", args=[circle.code]))
    assert response.status_code == 200
    row = only_row()
    assert (row.user, row.username, row.kind, row.purpose) == (staf, "staf", Kind.SIGNUPS_CSV, Purpose.CIRCLE)
    assert (row.object_type, row.object_ref, row.object_repr) == ("leerkring", str(circle.code), "Leerkring Charlois")
    assert row.request_id == response["X-Request-ID"]
    assert row.at is not None


def test_the_sign_ups_page_is_logged(client: Client, projectleider: User, circle: Circle) -> None:
    client.force_login(projectleider)
    assert client.get(reverse("circles:registrations", args=[circle.code])).status_code == 200
    row = only_row()
    assert (row.user, row.kind, row.purpose, row.object_ref) == (
        projectleider,
        Kind.SIGNUPS_VIEWED,
        Purpose.CIRCLE,
        str(circle.code),
    )


def test_a_refused_look_is_not_logged(client: Client, begeleider: User, circle: Circle) -> None:
    client.force_login(begeleider)
    assert client.get(reverse("circles:registrations_csv", args=[circle.code])).status_code == 404
    assert not DataAccess.objects.exists()


def test_the_presence_list_is_logged_for_accreditation(client: Client, staf: User, circle: Circle) -> None:
    session = make_session(circle, datetime.date(2027, 3, 2))
    client.force_login(staf)
    assert client.get(reverse("sessions:presence_csv", args=[session.code])).status_code == 200
    row = only_row()
    assert (row.kind, row.purpose, row.object_type, row.object_ref) == (
        Kind.PRESENCE_CSV,
        Purpose.ACCREDITATION,
        "bijeenkomst",
        str(session.code),
    )


def _done_report(circle: Circle, **fields: object) -> Report:
    report = Report.objects.create(circle=circle, status=Report.Status.DONE, **fields)
    report.file.save("rapport.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return report


def test_a_pdf_with_names_is_logged_and_one_without_is_not(
    client: Client, projectleider: User, circle: Circle, tmp_path: Path, settings: Settings
) -> None:
    settings.REPORTS_ROOT = tmp_path
    with_names = _done_report(circle, kind=Report.Kind.CIRCLE_REPORT, include_personal_data=True)
    without = _done_report(circle, kind=Report.Kind.CIRCLE_REPORT, include_personal_data=False)
    client.force_login(projectleider)
    assert client.get(reverse("reports:download", args=[without.code])).status_code == 200
    assert not DataAccess.objects.exists()
    assert client.get(reverse("reports:download", args=[with_names.code])).status_code == 200
    row = only_row()
    assert (row.kind, row.object_type, row.object_ref) == (Kind.PDF_WITH_NAMES, "rapport", str(with_names.code))
    assert row.object_repr == "Rapport leerkring – Leerkring Charlois"


def test_staf_reads_the_log_and_filters_it_by_user_and_kind(
    client: Client, staf: User, projectleider: User, circle: Circle
) -> None:
    data_access_record(user=projectleider, kind=Kind.SIGNUPS_VIEWED, obj=circle)
    data_access_record(user=staf, kind=Kind.SIGNUPS_CSV, obj=circle)
    client.force_login(staf)
    page = client.get(reverse("avg:log")).content.decode()
    assert "Aanmeldingen bekeken" in page
    assert "Aanmeldingen gedownload (CSV)" in page
    assert "Uitvoering leerkring" in page

    by_user = client.get(reverse("avg:log"), {"gebruiker": projectleider.pk})
    assert [row.kind for row in by_user.context["page"]] == [Kind.SIGNUPS_VIEWED]
    by_kind = client.get(reverse("avg:log"), {"soort": Kind.SIGNUPS_CSV})
    assert [row.user for row in by_kind.context["page"]] == [staf]
    nothing = client.get(reverse("avg:log"), {"soort": Kind.PERSON_ERASE}).content.decode()
    assert "Geen regels die bij deze filters passen." in nothing


def test_the_empty_log_says_so(client: Client, staf: User) -> None:
    client.force_login(staf)
    assert "Er zijn nog geen persoonsgegevens bekeken" in client.get(reverse("avg:log")).content.decode()


def test_the_log_page_runs_a_fixed_number_of_queries(
    client: Client,
    staf: User,
    projectleider: User,
    circle: Circle,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """Session, user, roles, count, page, and the users of the filter: never one per row."""
    client.force_login(staf)
    for _n in range(5):
        data_access_record(user=projectleider, kind=Kind.SIGNUPS_VIEWED, obj=circle)
    with django_assert_max_num_queries(7) as few:
        assert len(client.get(reverse("avg:log")).context["page"]) == 5
    for _n in range(80):
        data_access_record(user=staf, kind=Kind.SIGNUPS_CSV, obj=circle)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(reverse("avg:log")).context["page"]) == 50


def test_the_log_is_read_only_in_the_admin(client: Client, superuser: User, circle: Circle) -> None:
    row = data_access_record(user=superuser, kind=Kind.SIGNUPS_VIEWED, obj=circle)
    client.force_login(superuser)
    assert client.get(reverse("admin:core_dataaccess_changelist")).status_code == 200
    assert client.get(reverse("admin:core_dataaccess_add")).status_code == 403
    assert client.get(reverse("admin:core_dataaccess_delete", args=[row.pk])).status_code == 403
    change = client.post(reverse("admin:core_dataaccess_change", args=[row.pk]), {"username": "iemand"})
    assert change.status_code == 403
    row.refresh_from_db()
    assert row.username == superuser.username


def test_history_rows_cannot_be_deleted_in_the_admin(client: Client, superuser: User, circle: Circle) -> None:
    entry = LogEntry.objects.get_for_object(circle).first()
    assert entry is not None
    client.force_login(superuser)
    changelist = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.content.decode()
    assert client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_certificates_page_with_names_and_hours_is_logged(client: Client, staf: User, circle: Circle) -> None:
    client.force_login(staf)
    assert client.get(reverse("reports:certificates", args=[circle.code])).status_code == 200
    row = only_row()
    assert (row.kind, row.purpose, row.object_ref) == (
        Kind.CERTIFICATES_VIEWED,
        Purpose.ACCREDITATION,
        str(circle.code),
    )

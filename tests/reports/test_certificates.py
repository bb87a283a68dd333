"""Proofs of participation (deelnamebewijzen): who earns one, its PDF, issuing and revoking by hand."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from circles.models import Circle, Registration, Session
from circles.services.registrations import registration_cancel_token
from reports import certificates as services
from reports.models import Certificate, Report
from sessions.models import Attendance
from tests.factories import make_circle, make_registration, make_report_circle, make_session
from tests.reports.conftest import assert_in_order, pdf_text, qr_codes

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def attend(registration: Registration, sessions: list[Session], *, missed: tuple[int, ...] = ()) -> None:
    for session in sessions:
        Attendance.objects.create(session=session, registration=registration, present=session.number not in missed)


@pytest.fixture
def circle(projectleider: User, begeleider: User, begeleider2: User) -> Circle:
    """Four sessions of three hours, the second only two and a half."""
    circle = make_report_circle(projectleider, [begeleider], building_blocks=[5])
    sessions = list(circle.sessions.order_by("date"))
    Session.objects.filter(pk=sessions[1].pk).update(end_time=datetime.time(15, 30))
    sessions[3].facilitators.add(begeleider2)
    return circle


@pytest.fixture
def sessions(circle: Circle) -> list[Session]:
    return list(circle.sessions.order_by("date"))


@pytest.fixture
def fatima(circle: Circle, sessions: list[Session]) -> Registration:
    """Missed the third session: 3 of 4 is 75%, just enough."""
    registration = make_registration(
        circle,
        "fatima@example.org",
        first_name="Fatima",
        last_name="El Amrani",
        professional_register="skj",
        registration_number="110012345",
    )
    attend(registration, sessions, missed=(3,))
    return registration


@pytest.fixture
def piet(circle: Circle, sessions: list[Session]) -> Registration:
    """Missed two of four: below the threshold."""
    registration = make_registration(circle, "piet@example.org", first_name="Piet", last_name="Jansen")
    attend(registration, sessions, missed=(2, 3))
    return registration


def _pdf(certificate: Certificate) -> bytes:
    report = certificate.reports.get()
    assert report.status == Report.Status.DONE, report.error
    with report.file.open("rb") as file:
        return file.read()


def test_the_pdf_states_the_sessions_attended_and_the_net_hours_of_one_who_missed_a_session(
    fatima: Registration, piet: Registration, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        [certificate] = services.certificates_issue_earned(circle=fatima.circle)
    assert certificate.registration == fatima
    text = pdf_text(_pdf(certificate))
    assert_in_order(
        text,
        [
            "Deelnamebewijs",
            "De Werkplaats Sociaal Domein verklaart dat",
            "Fatima El Amrani",
            "Registratienummer: SKJ (Stichting Kwaliteitsregister Jeugd) 110012345",
            "heeft deelgenomen aan de leerkring „Leerkring 1 - Methodiekontwikkeling” en was bij 3 bijeenkomsten",
            "Netto aanwezig: 8,5 uur",
            "3 van de 4 bijeenkomsten",
            "Soort Themaleerkring",
            "Periode 13 oktober 2014 – 24 november 2014",
            "5. Samenwerking in een interdisciplinair team",
            "Begeleiders Berry van den Bos en Henk Koetsveld",
            "Werkplaats Sociaal Domein, Hogeschool Rotterdam",
            "Bijgewoonde bijeenkomsten",
            "1 13 oktober 2014 13:00–16:00 Methodiekontwikkeling 3",
            "2 27 oktober 2014 13:00–15:30 Methodiekontwikkeling 2,5",
            "4 24 november 2014 13:00–16:00 Methodiekontwikkeling 3",
            "Totaal netto 8,5",
            f"{settings.SITE_URL}/controle/{certificate.code}/",
            f"Controlecode: {certificate.display_code}",
        ],
    )
    assert "10 november 2014" not in text  # the session missed
    assert qr_codes(_pdf(certificate)) == [f"{settings.SITE_URL}/controle/{certificate.code}/"]


def test_below_the_threshold_there_is_none_and_a_lower_threshold_of_the_circle_gives_one(
    fatima: Registration, piet: Registration
) -> None:
    circle = fatima.circle
    assert [c.registration for c in services.certificates_issue_earned(circle=circle)] == [fatima]
    assert not piet.certificates.exists()
    Circle.objects.filter(pk=circle.pk).update(certificate_threshold=50)
    circle.refresh_from_db()
    assert [c.registration for c in services.certificates_issue_earned(circle=circle)] == [piet]
    assert services.certificates_issue_earned(circle=circle) == []  # nobody twice


def test_the_daily_sweep_issues_only_once_the_last_session_has_passed_and_only_once(
    fatima: Registration, piet: Registration
) -> None:
    assert services.certificates_issue_due(today=datetime.date(2014, 11, 24)) == 0
    assert services.certificates_issue_due(today=datetime.date(2014, 11, 25)) == 1
    assert services.certificates_issue_due(today=datetime.date(2014, 11, 26)) == 0
    assert Certificate.objects.get().registration == fatima


def test_the_project_leader_issues_one_by_hand_below_the_threshold_and_it_is_recorded(
    client: Client, piet: Registration, projectleider: User
) -> None:
    client.force_login(projectleider)
    url = reverse("reports:certificate_issue", args=[piet.circle.code, piet.code])
    page = client.post(url, follow=True).content.decode()
    assert "Deelnamebewijs uitgegeven aan Piet Jansen" in page
    certificate = piet.certificates.get()
    assert (certificate.issued_by, certificate.minutes, certificate.sessions_attended) == (projectleider, 360, 2)
    assert "met de hand door Elizabeth van Twist" in page
    assert "Een deelnemer krijgt een deelnamebewijs bij minstens 75% van de 4 bijeenkomsten." in page


def test_revoking_needs_a_reason_is_recorded_and_a_new_one_can_be_issued(
    client: Client, fatima: Registration, projectleider: User, staf: User
) -> None:
    certificate = services.certificate_issue(registration=fatima)
    url = reverse("reports:certificate_revoke", args=[fatima.circle.code, certificate.code])
    client.force_login(staf)
    assert client.post(url, {"reason": "Verkeerd"}).status_code == 403
    client.force_login(projectleider)
    page = client.post(url, {"reason": ""}, follow=True).content.decode()
    assert "Vul in waarom u dit deelnamebewijs intrekt." in page
    page = client.post(url, {"reason": "Aanwezigheid 3 november gecorrigeerd"}, follow=True).content.decode()
    assert "Het deelnamebewijs van Fatima El Amrani is ingetrokken" in page
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revoked_by) == (Certificate.Status.REVOKED, projectleider)
    assert "Ingetrokken" in page and "Aanwezigheid 3 november gecorrigeerd" in page
    assert services.certificates_issue_earned(circle=fatima.circle) == []  # revoking was a decision
    client.post(reverse("reports:certificate_issue", args=[fatima.circle.code, fatima.code]))
    renewed = fatima.certificates.get(status=Certificate.Status.ISSUED)
    assert renewed.code != certificate.code


def test_the_circle_page_links_the_certificates_for_the_project_leader(
    client: Client, circle: Circle, projectleider: User
) -> None:
    client.force_login(projectleider)
    html = client.get(reverse("circles:detail", args=[circle.code])).content.decode()
    assert reverse("reports:certificates", args=[circle.code]) in html
    assert "Deelnamebewijzen bekijken" in html


def test_query_count_of_the_certificates_page_does_not_grow_with_participants(
    client: Client, projectleider: User, begeleider: User
) -> None:
    client.force_login(projectleider)
    counts = []
    for size in (3, 30):
        circle = make_circle(projectleider, name=f"Kring {size}", status=Circle.Status.PUBLISHED)
        sessions = [make_session(circle, datetime.date(2027, 3, day), facilitators=[begeleider]) for day in (2, 9)]
        for number in range(size):
            registration = make_registration(circle, f"p{number}@example.org")
            attend(registration, sessions)
            if number % 2:
                services.certificate_issue(registration=registration)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("reports:certificates", args=[circle.code])).content.decode()
        assert html.count("2 van 2 (100%)") == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _issued_with_mine_link(registration: Registration, capture: Capture) -> tuple[Certificate, str]:
    """The certificate issued (its mail sent after commit) and the participant's Mijn aanmelding token."""
    with capture(execute=True):
        certificate = services.certificate_issue(registration=registration)
    return certificate, registration_cancel_token(registration)


def test_the_participant_downloads_their_certificate_from_mijn_aanmelding(
    client: Client, fatima: Registration, django_capture_on_commit_callbacks: Capture
) -> None:
    certificate, token = _issued_with_mine_link(fatima, django_capture_on_commit_callbacks)
    with time_machine.travel(datetime.datetime(2015, 1, 5, 12, tzinfo=datetime.UTC)):
        page = client.get(reverse("circles:mine", args=[token])).content.decode()
        download = client.get(reverse("reports:mine_certificate", args=[token]))
    assert "Uw deelnamebewijs" in page
    assert f"U was 8,5 uur netto aanwezig. Controlecode: {certificate.display_code}." in page
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_the_certificate_stays_reachable_from_mijn_aanmelding_after_the_circle_has_ended(
    client: Client, fatima: Registration, django_capture_on_commit_callbacks: Capture
) -> None:
    certificate, token = _issued_with_mine_link(fatima, django_capture_on_commit_callbacks)
    assert fatima.circle.end_date == datetime.date(2015, 1, 31)
    with time_machine.travel(datetime.datetime(2015, 3, 2, 12, tzinfo=datetime.UTC)):
        page = client.get(reverse("circles:mine", args=[token])).content.decode()
        download = client.get(reverse("reports:mine_certificate", args=[token]))
    assert f"Controlecode: {certificate.display_code}." in page
    assert download.status_code == 200

"""The project leader's sign-ups page: who sees what, filters, status changes, adding by hand, CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from smtplib import SMTPRecipientsRefused
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from circles.models import Circle, Function, Organisation, Registration
from leerkring.core.models import OutgoingMail
from tests.factories import make_mail, make_registration, open_circle, signup_data

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
R = Registration.Status


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> Circle:
    circle = open_circle(projectleider, facilitators=(begeleider,), capacity=2)
    make_registration(circle, "anna@example.org", phone="06 12345678", learning_question="Hoe werk ik samen?")
    make_registration(
        circle,
        "piet@example.org",
        first_name="Piet",
        last_name="Jansen",
        organisation=Organisation.VRAAGWIJZER,
        team="Pernis",
        function=Function.VRAAGWIJZERMEDEWERKER,
    )
    make_registration(circle, "wil@example.org", first_name="Wil", last_name="Bakker", status=R.WAITLIST)
    return circle


def _page(circle: Circle, suffix: str = "") -> str:
    return reverse("circles:registrations", args=[circle.code]) + suffix


def test_project_leader_sees_all_personal_data_and_counts(client: Client, circle: Circle, projectleider: User) -> None:
    client.force_login(projectleider)
    html = client.get(_page(circle)).content.decode()
    for text in ("Anna de Vries", "anna@example.org", "06 12345678", "Hoe werk ik samen?", "Pernis", "Wil Bakker"):
        assert text in html
    assert "</span> 2 / 2</li>" in html
    assert ">Deelnemer toevoegen</a>" in html and ">Opslaan</button>" in html


def test_staff_reads_without_change_controls(client: Client, circle: Circle, staf: User) -> None:
    client.force_login(staf)
    html = client.get(_page(circle)).content.decode()
    assert "anna@example.org" in html
    assert ">Wijzigen</button>" not in html and "Deelnemer toevoegen" not in html


def test_facilitator_of_the_circle_sees_only_name_organisation_team_and_function(
    client: Client, circle: Circle, begeleider: User
) -> None:
    client.force_login(begeleider)
    assert client.get(_page(circle)).status_code == 403
    html = client.get(reverse("circles:detail", args=[circle.code])).content.decode()
    assert "Piet Jansen" in html and "Vraagwijzer" in html and "Pernis" in html
    assert "Vraagwijzermedewerker" in html
    assert "piet@example.org" not in html and "06 12345678" not in html and "Hoe werk ik samen?" not in html
    assert "Wil Bakker" not in html


def test_project_leader_sees_counts_and_a_link_on_the_circle_page(
    client: Client, circle: Circle, projectleider: User
) -> None:
    client.force_login(projectleider)
    html = client.get(reverse("circles:detail", args=[circle.code])).content.decode()
    assert "2 van 2 plaatsen bezet" in html and "1 op de wachtlijst" in html
    assert f'href="{_page(circle)}"' in html


def test_filters_on_status_organisation_and_function(client: Client, circle: Circle, projectleider: User) -> None:
    client.force_login(projectleider)
    html = client.get(_page(circle, "?status=wachtlijst")).content.decode()
    assert "Wil Bakker" in html and "Piet Jansen" not in html
    html = client.get(_page(circle, "?organisatie=vraagwijzer&functie=vraagwijzermedewerker")).content.decode()
    assert "Piet Jansen" in html and "Anna de Vries" not in html


def test_query_count_does_not_grow_with_sign_ups(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    counts = []
    for size in (5, 50):
        circle = open_circle(projectleider, name=f"Kring {size}", capacity=100)
        for number in range(size):
            registration = make_registration(circle, f"p{number}@example.org", added_by=projectleider)
            make_mail(registration, status=OutgoingMail.Status.FAILED, failure="geweigerd", error="550 unknown")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_page(circle)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _row(html: str, name: str) -> str:
    [row] = [row for row in re.findall(r"<tr>.*?</tr>", html, flags=re.S) if name in row]
    return " ".join(row.split())


@pytest.mark.usefixtures("before_the_circles_clock")
def test_a_mail_the_server_refused_shows_as_not_delivered_with_its_reason_at_that_sign_up(
    client: Client, circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    refused = SMTPRecipientsRefused({"fatima.elamrani@example.org": (550, b"5.1.1 User unknown")})
    public = reverse("circles:public_detail", args=[circle.code])
    send = mock.patch("leerkring.core.emails.EmailMultiAlternatives.send", side_effect=refused)
    with send, django_capture_on_commit_callbacks(execute=True):
        assert client.post(public, signup_data()).status_code == 302
    client.force_login(projectleider)
    html = client.get(_page(circle)).content.decode()
    row = _row(html, "Fatima El Amrani")
    assert "E-mail niet afgeleverd</strong> (plaats op de wachtlijst, " in row
    assert "De mailserver weigerde het bericht. Melding: „550 5.1.1 User unknown”." in row
    assert "niet afgeleverd" not in _row(html, "Anna de Vries")
    assert html.count("E-mail niet afgeleverd") == 1


def test_confirming_beyond_capacity_is_refused_with_a_clear_message(
    client: Client, circle: Circle, projectleider: User
) -> None:
    client.force_login(projectleider)
    waiting = Registration.objects.get(email="wil@example.org")
    url = reverse("circles:registration_status", args=[circle.code, waiting.code])
    response = client.post(url, {"status": "bevestigd", "keep_status": "wachtlijst"}, follow=True)
    assert "De leerkring is vol (2 deelnemers)" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("?status=wachtlijst")
    waiting.refresh_from_db()
    assert waiting.status == R.WAITLIST


def test_cancelling_by_the_project_leader_promotes_and_mails_the_first_waiting(
    client: Client, circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    client.force_login(projectleider)
    anna = Registration.objects.get(email="anna@example.org")
    url = reverse("circles:registration_status", args=[circle.code, anna.code])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "afgemeld"}, follow=True)
    html = response.content.decode()
    assert "Anna de Vries: status is nu „afgemeld”." in html
    assert "Wil Bakker stond als eerste op de wachtlijst" in html
    assert Registration.objects.get(email="wil@example.org").status == R.CONFIRMED
    assert [message.to for message in mail.outbox] == [["wil@example.org"]]


def test_adding_by_hand_sets_added_by_and_follows_capacity(
    client: Client, circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    client.force_login(projectleider)
    data = {
        "first_name": "Team",
        "last_name": "Lid",
        "email": "TeamLid@Example.org",
        "organisation": "wijkteam",
        "team": "Charlois",
        "function": "wijkteamleider",
    }
    url = reverse("circles:registration_add", args=[circle.code])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    added = Registration.objects.get(email="teamlid@example.org")
    assert added.added_by == projectleider and added.status == R.WAITLIST
    assert mail.outbox == []  # "notify" left unticked
    again = client.post(url, data)
    assert "Dit e-mailadres is al aangemeld voor deze leerkring." in again.content.decode()


def test_adding_by_hand_shows_field_errors(client: Client, circle: Circle, projectleider: User) -> None:
    client.force_login(projectleider)
    response = client.post(reverse("circles:registration_add", args=[circle.code]), {"email": "nee"})
    html = response.content.decode()
    assert "Niet opgeslagen: controleer de gemarkeerde velden." in html
    assert "Vul een geldig e-mailadres in." in html


def test_csv_opens_in_dutch_excel(client: Client, circle: Circle, staf: User) -> None:
    Registration.objects.filter(email="piet@example.org").update(learning_question='=HYPERLINK("x")')
    client.force_login(staf)
    response = client.get(reverse("circles:registrations_csv", args=[circle.code]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="aanmeldingen-leerkring-1')
    body = response.content
    assert body.startswith(b"\xef\xbb\xbfVoornaam;Achternaam;E-mailadres;Telefoonnummer;Organisatie;")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-4:] == ["Status", "Aangemeld op", "Beroepsregister", "Registratienummer"]
    assert [row[1] for row in rows[1:]] == ["Bakker", "Jansen", "de Vries"]  # by surname
    assert rows[3][:7] == [
        "Anna",
        "de Vries",
        "anna@example.org",
        "06 12345678",
        "Wijkteam",
        "Charlois",
        "Wijkteammedewerker",
    ]
    assert rows[2][7] == '\'=HYPERLINK("x")'
    assert rows[1][8] == "Wachtlijst"
    assert b"\r\n" in body


def test_csv_follows_the_filters(client: Client, circle: Circle, projectleider: User) -> None:
    client.force_login(projectleider)
    url = reverse("circles:registrations_csv", args=[circle.code]) + "?status=wachtlijst"
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Wil"]

"""Personal data is wiped a year after the circle ends, as the privacy page promises.

A year after the end, names are gone everywhere the privacy page says: guests, actions, PDFs.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from circles.models import Circle, Function, Organisation, Registration
from circles.services import registrations as services
from circles.tasks import registrations_anonymise_expired
from reports.models import Report
from sessions.models import Action, Attendance
from tests.factories import first_session, make_circle, make_registration, open_circle

pytestmark = pytest.mark.django_db


def test_a_year_after_the_end_names_and_contact_details_are_gone_but_the_counts_stay(projectleider: User) -> None:
    circle = open_circle(projectleider)  # ends 30 June 2027
    make_registration(circle, "anna@example.org", phone="06 12345678", learning_question="Iets persoonlijks")
    make_registration(circle, "piet@example.org", first_name="Piet")

    with time_machine.travel(datetime.datetime(2028, 6, 30, 12, 0, tzinfo=datetime.UTC)):
        assert registrations_anonymise_expired.delay().get() == 0
    with time_machine.travel(datetime.datetime(2028, 7, 2, 12, 0, tzinfo=datetime.UTC)):
        assert registrations_anonymise_expired.delay().get() == 2
        assert registrations_anonymise_expired.delay().get() == 0

    registrations = list(Registration.objects.all())
    assert len(registrations) == 2
    for registration in registrations:
        assert registration.anonymised_at is not None
        assert "anna" not in registration.email and "piet" not in registration.email
        assert registration.first_name == "Verwijderd" and registration.last_name == ""
        assert registration.phone == "" and registration.learning_question == ""
        assert (registration.organisation, registration.team, registration.function) == (
            "wijkteam",
            "Charlois",
            "wijkteammedewerker",
        )


def test_a_running_circle_is_left_alone(projectleider: User) -> None:
    circle = open_circle(projectleider)
    make_registration(circle)
    with time_machine.travel(datetime.datetime(2027, 8, 1, 12, 0, tzinfo=datetime.UTC)):
        assert registrations_anonymise_expired.delay().get() == 0
    assert Registration.objects.get().email == "anna@example.org"


# A year after the end, names are gone everywhere the privacy page says: guests, actions, PDFs.


AFTER_A_YEAR = datetime.datetime(2028, 7, 2, 12, 0, tzinfo=datetime.UTC)  # the circle ended 30 June 2027


@pytest.fixture(autouse=True)
def reports_root(tmp_path: Path, settings: Settings) -> Path:
    settings.REPORTS_ROOT = tmp_path / "reports"
    return settings.REPORTS_ROOT


def _report(circle: Circle, *, personal: bool) -> Report:
    report = Report.objects.create(
        kind=Report.Kind.CIRCLE_REPORT, circle=circle, include_personal_data=personal, status=Report.Status.DONE
    )
    report.file.save(f"rapport-{int(personal)}.pdf", ContentFile(b"%PDF-1.7 Anna de Vries"), save=True)
    return report


def _world(projectleider: User) -> tuple[Circle, Report, Report]:
    circle = open_circle(projectleider)
    session = first_session(circle)
    registration = make_registration(circle)
    Attendance.objects.create(session=session, registration=registration)
    Attendance.objects.create(
        session=session,
        guest_name="Gerrit Gast",
        guest_organisation=Organisation.GEMEENTE,
        guest_function=Function.BELEIDSMEDEWERKER,
    )
    Action.objects.create(circle=circle, session=session, description="Sociale kaart delen", owner_name="Anna")
    return circle, _report(circle, personal=True), _report(circle, personal=False)


def test_guest_names_and_action_owners_are_wiped_with_the_sign_ups(projectleider: User) -> None:
    _world(projectleider)
    with time_machine.travel(AFTER_A_YEAR):
        registrations_anonymise_expired.delay().get()

    guest = Attendance.objects.get(registration__isnull=True)
    assert guest.guest_name == "Verwijderd"
    assert (guest.guest_organisation, guest.guest_function) == ("gemeente", "beleidsmedewerker")
    assert Attendance.objects.get(registration__isnull=False).guest_name == ""
    action = Action.objects.get()
    assert (action.owner_name, action.owner_sort) == ("Verwijderd", "verwijderd\t\t")
    assert action.description == "Sociale kaart delen"


def test_pdfs_with_names_are_deleted_and_those_without_names_stay(projectleider: User, reports_root: Path) -> None:
    _circle, personal, anonymous = _world(projectleider)
    personal_path = reports_root / str(personal.file.name)
    assert personal_path.exists()

    with time_machine.travel(AFTER_A_YEAR):
        registrations_anonymise_expired.delay().get()

    assert not personal_path.exists()
    assert list(Report.objects.all()) == [anonymous]
    assert (reports_root / str(anonymous.file.name)).exists()


def test_a_running_circle_keeps_its_guests_actions_and_pdfs(projectleider: User) -> None:
    _world(projectleider)
    with time_machine.travel(datetime.datetime(2028, 6, 30, 12, 0, tzinfo=datetime.UTC)):
        registrations_anonymise_expired.delay().get()
    assert Attendance.objects.get(registration__isnull=True).guest_name == "Gerrit Gast"
    assert Action.objects.get().owner_name == "Anna"
    assert Report.objects.count() == 2


def test_the_privacy_page_says_what_is_wiped(client: Client) -> None:
    html = client.get(reverse("circles:privacy")).content.decode()
    assert "namen in de aanwezigheidslijsten en bij de afgesproken acties" in html
    assert "verwijderen wij de rapporten waarin namen staan" in html
    assert "zonder namen." not in html


def test_the_retention_period_is_a_setting_the_privacy_page_states(
    client: Client, projectleider: User, settings: Settings
) -> None:
    assert "tot 12 maanden na de laatste dag" in client.get("/privacy/").content.decode()
    settings.RETENTION_MONTHS = 6
    assert "tot 6 maanden na de laatste dag" in client.get("/privacy/").content.decode()
    circle = make_circle(projectleider, end_date=datetime.date(2027, 1, 31))
    make_registration(circle)
    assert services.registrations_anonymise_expired(today=datetime.date(2027, 7, 31)) == 0
    assert services.registrations_anonymise_expired(today=datetime.date(2027, 8, 1)) == 1


def test_months_before_keeps_the_day_or_takes_the_shorter_months_last() -> None:
    assert services.months_before(datetime.date(2027, 3, 31), 1) == datetime.date(2027, 2, 28)
    assert services.months_before(datetime.date(2028, 2, 29), 12) == datetime.date(2027, 2, 28)
    assert services.months_before(datetime.date(2027, 1, 15), 13) == datetime.date(2025, 12, 15)

"""A person's AVG rights on staf's page: find by e-mail address, see and export everything, erase."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry as HistoryEntry
from django.apps import apps
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry as AdminEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import ForeignKey
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from circles.models import Circle, Function, Registration
from leerkring.core import privacy
from leerkring.core.dataaccess import Kind, email_hash
from leerkring.core.models import DataAccess
from reports.models import Certificate, Report
from sessions.models import Action, Attendance, Outcome
from tests.factories import make_circle, make_mail, make_registration, make_response, make_session

pytestmark = pytest.mark.django_db

EMAIL = "fenna.zwanenburg@example.org"
NAME = "Fenna Zwanenburg"
OUR_APPS = ("core", "buildingblocks", "circles", "circle_sessions", "reports")
# Fields of a person's rows that say nothing about the person: keys, links, times, states.
NOT_PERSONAL = {"id"}


@pytest.fixture
def person_world(projectleider: User, tmp_path: Path, settings: Settings) -> dict[str, Any]:
    """Fenna signed up for two circles, attended, answered the evaluation, got a certificate; in a third
    circle she walked in as a guest and took on an action."""
    settings.REPORTS_ROOT = tmp_path
    charlois = make_circle(projectleider, name="Leerkring Charlois", status=Circle.Status.PUBLISHED)
    pernis = make_circle(projectleider, name="Leerkring Pernis", status=Circle.Status.PUBLISHED)
    hoogvliet = make_circle(projectleider, name="Leerkring Hoogvliet", status=Circle.Status.PUBLISHED)
    fenna = make_registration(
        charlois, EMAIL, first_name="Fenna", last_name="Zwanenburg", phone="0612345678",
        learning_question="Hoe betrek ik het netwerk?", professional_register="skj", registration_number="110012345",
    )  # fmt: skip
    make_registration(pernis, EMAIL.upper(), first_name="Fenna", last_name="Zwanenburg")
    other = make_registration(charlois, "bob@example.org", first_name="Bob", last_name="Bakker")
    session = make_session(charlois, datetime.date(2027, 3, 2))
    Attendance.objects.create(session=session, registration=fenna, present=True)
    Attendance.objects.create(session=session, registration=other, present=True)
    walk_in = make_session(hoogvliet, datetime.date(2027, 3, 3))
    Attendance.objects.create(session=walk_in, guest_name=NAME, guest_function=Function.WIJKTEAMLEIDER)
    Action.objects.create(circle=hoogvliet, session=walk_in, description="Sociale kaart bijwerken", owner_name=NAME)
    make_response(fenna, ratings=[4, 5], answers=["Veel geleerd over het netwerk."])
    certificate = Certificate.objects.create(
        registration=fenna, initials="F. Z.", minutes=180, sessions_attended=1, sessions_total=1,
        period_start=session.date, period_end=session.date,
    )  # fmt: skip
    pdf = Report.objects.create(
        kind=Report.Kind.CERTIFICATE, circle=charlois, certificate=certificate, status=Report.Status.DONE
    )
    pdf.file.save("deelnamebewijs.pdf", ContentFile(b"%PDF-1.4 Fenna Zwanenburg"), save=True)
    names_pdf = Report.objects.create(
        kind=Report.Kind.CIRCLE_REPORT, circle=hoogvliet, include_personal_data=True, status=Report.Status.DONE
    )
    names_pdf.file.save("rapport.pdf", ContentFile(b"%PDF-1.4"), save=True)
    kept_pdf = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=hoogvliet, status=Report.Status.DONE)
    make_mail(fenna, reply_to_email="pl@example.org", error=f"550 <{EMAIL}> mailbox full")
    AdminEntry.objects.create(
        user=projectleider, content_type=ContentType.objects.get_for_model(Registration), object_id=str(fenna.pk),
        object_repr=NAME, action_flag=CHANGE, change_message=f"Telefoon van {NAME} gewijzigd",
    )  # fmt: skip
    fenna.phone = "0687654321"
    fenna.save()  # a history entry with the old and the new number
    return {"charlois": charlois, "fenna": fenna, "other": other, "session": session, "kept_pdf": kept_pdf}


def search(client: Client, email: str = EMAIL) -> str:
    response = client.post(reverse("avg:person"), {"email": email})
    assert response.status_code == 200
    return response.content.decode()


def test_staf_finds_everything_stored_about_a_person_across_circles(
    client: Client, staf: User, person_world: dict[str, Any]
) -> None:
    client.force_login(staf)
    page = search(client, "Fenna.Zwanenburg@Example.org ")
    for shown in (
        "Leerkring Charlois", "Leerkring Pernis", "0687654321", "110012345", "Hoe betrek ik het netwerk?",
        "Veel geleerd over het netwerk.", "F. Z.", "Sociale kaart bijwerken", "Wijkteamleider",
        "Deelnamebewijs", "Telefoon van Fenna Zwanenburg gewijzigd", "0612345678",
    ):  # fmt: skip
        assert shown in page, shown
    assert "bob@example.org" not in page
    row = DataAccess.objects.get()
    assert (row.user, row.kind, row.object_type, row.object_ref) == (
        staf, Kind.PERSON_VIEWED, "persoon", email_hash(EMAIL)
    )  # fmt: skip
    assert EMAIL not in json.dumps(list(DataAccess.objects.values()), default=str)


def test_an_unknown_address_says_nothing_is_stored_and_a_bad_one_is_refused(client: Client, staf: User) -> None:
    client.force_login(staf)
    assert "Over dit e-mailadres is niets opgeslagen." in search(client, "niemand@example.org")
    page = search(client, "geen adres")
    assert "Niet gezocht: controleer het e-mailadres." in page
    assert 'value="geen adres"' in page


def test_the_json_export_holds_every_stored_field_of_every_row(
    client: Client, staf: User, person_world: dict[str, Any]
) -> None:
    client.force_login(staf)
    response = client.post(reverse("avg:export_json"), {"email": EMAIL})
    assert response["Content-Disposition"] == 'attachment; filename="gegevens.json"'
    assert response["Cache-Control"] == "private, no-store"
    exported = json.loads(response.content)["gegevens"]
    expected = {
        "circles.Registration": 2, "circles.SessionReminder": 0, "circle_sessions.Attendance": 2,
        "circle_sessions.Action": 1, "circle_sessions.EvaluationResponse": 1, "reports.Certificate": 1,
        "reports.Report": 2, "core.OutgoingMail": 1,
    }  # fmt: skip
    assert {label: len(exported.get(label, [])) for label in expected} == expected
    for handler in privacy.handlers():
        for row in exported.get(handler.label, []):
            fields = {field.name for field in handler.model._meta.concrete_fields}
            assert fields - NOT_PERSONAL <= set(row), handler.label
    registration = next(row for row in exported["circles.Registration"] if row["circle"] == person_world["charlois"].pk)
    assert (registration["phone"], registration["registration_number"]) == ("0687654321", "110012345")
    assert exported["auditlog.LogEntry"]
    assert exported["admin.LogEntry"][0]["change_message"] == f"Telefoon van {NAME} gewijzigd"
    assert DataAccess.objects.get().kind == Kind.PERSON_EXPORT


def test_every_model_pointing_at_a_sign_up_is_part_of_the_export() -> None:
    """A new model with rows about a sign-up must register a handler with `rows`, or its data is missed."""
    exported = {handler.model for handler in privacy.handlers() if handler.rows is not None}
    pointing = {
        model
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey) and field.related_model is Registration
    }
    assert pointing
    assert pointing - exported == set()
    assert Registration in exported


def test_the_readable_export_is_a_page_for_the_person(client: Client, staf: User, person_world: dict[str, Any]) -> None:
    client.force_login(staf)
    response = client.post(reverse("avg:export_page"), {"email": EMAIL})
    page = response.content.decode()
    assert "Uw gegevens in Leerkring" in page
    assert "Hoe betrek ik het netwerk?" in page
    assert response["Cache-Control"] == "private, no-store"


def test_erase_asks_first_and_states_the_consequences(client: Client, staf: User, person_world: dict[str, Any]) -> None:
    client.force_login(staf)
    page = client.post(reverse("avg:erase"), {"email": EMAIL}).content.decode()
    assert "Organisatie, team en functie blijven staan" in page
    assert "Dit kan niet ongedaan worden gemaakt." in page
    refused = client.post(reverse("avg:erase"), {"email": EMAIL, "confirm_step": "1"}).content.decode()
    assert "Vink aan dat u de gevolgen begrijpt" in refused
    assert Registration.objects.filter(email__iexact=EMAIL).count() == 2
    assert not DataAccess.objects.filter(kind=Kind.PERSON_ERASE).exists()


def test_erase_lists_the_verslagen_that_name_the_person(
    client: Client, staf: User, person_world: dict[str, Any]
) -> None:
    session = person_world["session"]
    Outcome.objects.create(session=session, introduction=f"Casus ingebracht door {NAME} uit Charlois.")
    client.force_login(staf)
    page = client.post(reverse("avg:erase"), {"email": EMAIL}).content.decode()
    assert "Verslagen die de naam noemen" in page
    assert f"Casus ingebracht door {NAME}" in page
    assert reverse("sessions:outcome", args=[session.code]) in page


def _dump() -> str:
    out = StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def test_after_erase_the_whole_database_holds_neither_the_address_nor_the_name(
    client: Client, staf: User, person_world: dict[str, Any]
) -> None:
    before = _dump()
    assert EMAIL in before
    assert NAME in before
    assert '"HistoryEntry"' not in before and "auditlog.logentry" in before
    client.force_login(staf)
    response = client.post(reverse("avg:erase"), {"email": EMAIL, "confirm_step": "1", "confirm": "on"})
    assert response.status_code == 302
    dump = _dump()
    for trace in (EMAIL, NAME, "Zwanenburg", "0612345678", "0687654321", "110012345", "Hoe betrek ik"):
        assert trace.lower() not in dump.lower(), trace
    assert DataAccess.objects.filter(kind=Kind.PERSON_ERASE, object_ref=email_hash(EMAIL)).exists()


def test_after_erase_the_counts_per_function_group_stay(
    client: Client, staf: User, person_world: dict[str, Any]
) -> None:
    charlois = person_world["charlois"]
    client.force_login(staf)
    client.post(reverse("avg:erase"), {"email": EMAIL, "confirm_step": "1", "confirm": "on"})
    wiped = Registration.objects.get(pk=person_world["fenna"].pk)
    assert (wiped.first_name, wiped.function, wiped.team, wiped.anonymised_at is not None) == (
        "Verwijderd", Function.WIJKTEAMMEDEWERKER, "Charlois", True
    )  # fmt: skip
    assert Attendance.objects.filter(session__circle=charlois, present=True).count() == 2
    guest = Attendance.objects.get(registration__isnull=True)
    assert (guest.guest_name, guest.guest_function) == ("Verwijderd", Function.WIJKTEAMLEIDER)
    assert Action.objects.values_list("owner_name", "owner_sort").get() == ("Verwijderd", "verwijderd\t\t")
    assert Certificate.objects.get().status == Certificate.Status.REVOKED
    # PDFs with her name are gone; a PDF without names stays, and so does Bob.
    assert list(Report.objects.all()) == [person_world["kept_pdf"]]
    assert Registration.objects.get(email="bob@example.org").first_name == "Bob"
    assert HistoryEntry.objects.filter(object_repr="Bob Bakker").exists()


def test_in_the_admin_a_sign_up_cannot_be_deleted_and_links_to_the_avg_page(
    client: Client, superuser: User, person_world: dict[str, Any]
) -> None:
    fenna = person_world["fenna"]
    client.force_login(superuser)
    assert (
        client.post(reverse("admin:circles_registration_delete", args=[fenna.pk]), {"post": "yes"}).status_code == 403
    )
    change = client.get(reverse("admin:circles_registration_change", args=[fenna.pk])).content.decode()
    link = reverse("avg:registration", args=[fenna.code])
    assert link in change
    assert "Hoe betrek ik het netwerk?" in client.get(link).content.decode()


def test_the_readable_page_shows_choices_and_dates_as_people_read_them(
    client: Client, staf: User, person_world: dict[str, Any]
) -> None:
    fenna = person_world["fenna"]
    Registration.objects.filter(pk=fenna.pk).update(
        created_at=datetime.datetime(2027, 2, 1, 9, 30, tzinfo=datetime.UTC)
    )
    client.force_login(staf)
    page = client.post(reverse("avg:export_page"), {"email": EMAIL}).content.decode()
    assert "1 februari 2027 10:30" in page
    assert "SKJ (Stichting Kwaliteitsregister Jeugd)" in page

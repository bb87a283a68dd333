"""Each sign-up e-mail as the participant receives it: subject, text part, HTML part, .ics."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from icalendar import Calendar

from circles.models import Circle, Registration
from circles.services.registrations import (
    registration_cancel,
    registration_create,
    registrations_notify_session_change,
)
from tests.factories import SERVICE_FIELDS as FIELDS
from tests.factories import first_session, make_registration, open_circle

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]


Capture = Callable[..., Any]


@pytest.fixture
def circle(projectleider: User) -> Circle:
    return open_circle(projectleider, capacity=1, name="Leerkring Hoogvliet & Pernis")


def _html(message: EmailMessage) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return str(html)


def _sign_up(circle: Circle, capture: Capture, **fields: str) -> Registration:
    with capture(execute=True):
        result = registration_create(circle=circle, fields={**FIELDS, **fields})
    assert result.registration is not None
    return result.registration


def test_confirmation_lists_every_session_and_holds_the_cancel_link_and_an_ics(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    _sign_up(circle, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "Aangemeld voor Leerkring Hoogvliet & Pernis"
    assert message.body.startswith("Beste Fatima,\n\nU bent aangemeld voor Leerkring Hoogvliet & Pernis.")
    for line in (
        "1. dinsdag 2 maart 2027, 13:00–16:00, Museumpark 40, Rotterdam",
        "4. dinsdag 23 maart 2027, 13:00–16:00, Museumpark 40, Rotterdam",
    ):
        assert line in message.body
    assert "\nhttp://127.0.0.1:8000/afmelden/" in message.body
    html = _html(message)
    assert "Leerkring Hoogvliet &amp; Pernis" in html
    assert "dinsdag 16 maart 2027" in html and ">Afmelden</a>" in html
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("leerkring.ics", "text/calendar")
    events = Calendar.from_ical(content).walk("VEVENT")
    assert len(events) == 4
    assert events[0].decoded("dtstart") == datetime.datetime(
        2027, 3, 2, 13, 0, tzinfo=events[0].decoded("dtstart").tzinfo
    )
    assert str(events[0]["location"]) == "Museumpark 40, Rotterdam"


def test_cancel_link_uses_the_site_url(
    circle: Circle, django_capture_on_commit_callbacks: Capture, settings: Any
) -> None:
    settings.SITE_URL = "https://leerkring.example.nl"
    _sign_up(circle, django_capture_on_commit_callbacks)
    assert "https://leerkring.example.nl/afmelden/" in mail.outbox[0].body
    assert 'href="https://leerkring.example.nl/afmelden/' in _html(mail.outbox[0])


def test_waiting_list_mail_tells_the_position_and_has_no_ics(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "first@example.org")
    make_registration(circle, "waiting@example.org", status=Registration.Status.WAITLIST)
    _sign_up(circle, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "Op de wachtlijst voor Leerkring Hoogvliet & Pernis"
    assert "u staat op plaats 2 van de wachtlijst" in message.body
    assert "<strong>plaats 2</strong> van de wachtlijst" in _html(message)
    assert message.attachments == []


def test_cancelling_promotes_the_first_on_the_waiting_list_and_mails_them_at_once(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    taken = make_registration(circle, "first@example.org")
    first = make_registration(circle, "w1@example.org", first_name="Wim", status=Registration.Status.WAITLIST)
    second = make_registration(circle, "w2@example.org", status=Registration.Status.WAITLIST)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = registration_cancel(registration=taken)
    assert promoted == first
    first.refresh_from_db()
    second.refresh_from_db()
    taken.refresh_from_db()
    assert (taken.status, first.status, second.status) == ("afgemeld", "bevestigd", "wachtlijst")
    assert taken.cancelled_at is not None
    [message] = mail.outbox
    assert message.to == ["w1@example.org"]
    assert message.subject == "Er is een plaats voor u vrijgekomen: Leerkring Hoogvliet & Pernis"
    assert "Goed nieuws" in message.body and "Beste Wim," in message.body
    assert "<strong>Leerkring Hoogvliet &amp; Pernis</strong>" in _html(message)
    assert message.attachments[0][0] == "leerkring.ics"


def test_cancelling_a_waiting_place_promotes_nobody(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "first@example.org")
    waiting = make_registration(circle, "w1@example.org", status=Registration.Status.WAITLIST)
    other = make_registration(circle, "w2@example.org", status=Registration.Status.WAITLIST)
    with django_capture_on_commit_callbacks(execute=True):
        assert registration_cancel(registration=waiting) is None
    other.refresh_from_db()
    assert other.status == Registration.Status.WAITLIST
    assert mail.outbox == []


def test_no_mail_leaves_before_the_transaction_commits(circle: Circle) -> None:
    registration_create(circle=circle, fields=FIELDS)
    assert mail.outbox == []


def test_duplicate_mail_goes_to_the_address_owner_with_their_status(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "first@example.org")
    make_registration(circle, "fatima@example.org", first_name="Fatima", status=Registration.Status.WAITLIST)
    with django_capture_on_commit_callbacks(execute=True):
        result = registration_create(circle=circle, fields={**FIELDS, "email": "Fatima@Example.org"})
    assert result.duplicate
    [message] = mail.outbox
    assert message.to == ["fatima@example.org"]
    assert "U staat op plaats 1 van de wachtlijst." in message.body
    assert "U staat op plaats 1 van de wachtlijst." in _html(message)


def test_session_change_notice_shows_old_and_new(circle: Circle, django_capture_on_commit_callbacks: Capture) -> None:
    make_registration(circle, "anna@example.org")
    make_registration(circle, "gone@example.org", status=Registration.Status.CANCELLED)
    session = circle.sessions.order_by("date").first()
    assert session is not None
    session.date = datetime.date(2027, 3, 4)
    session.start_time = datetime.time(9, 30)
    session.end_time = datetime.time(12, 30)
    session.location = "Wijkcentrum Hoogvliet"
    session.save()
    old: dict[str, datetime.date | datetime.time | str] = {
        "date": datetime.date(2027, 3, 2),
        "start_time": datetime.time(13, 0),
        "end_time": datetime.time(16, 0),
        "location": "Museumpark 40, Rotterdam",
    }
    with django_capture_on_commit_callbacks(execute=True):
        registrations_notify_session_change(session=session, old=old)
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == f"Gewijzigd: bijeenkomst 1 van {circle.name}"
    assert "Was:   dinsdag 2 maart 2027, 13:00–16:00, Museumpark 40, Rotterdam" in message.body
    assert "Wordt: donderdag 4 maart 2027, 09:30–12:30, Wijkcentrum Hoogvliet" in message.body
    html = _html(message)
    assert "<s>dinsdag 2 maart 2027, 13:00–16:00" in html and "donderdag 4 maart 2027, 09:30–12:30" in html
    assert len(Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")) == 1


def test_no_session_change_notice_for_a_concept_circle(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "anna@example.org")
    Circle.objects.filter(pk=circle.pk).update(status=Circle.Status.CONCEPT)
    circle.refresh_from_db()
    session = first_session(circle)
    assert session is not None
    with django_capture_on_commit_callbacks(execute=True):
        registrations_notify_session_change(session=session, old={"location": "Elders"})
    assert mail.outbox == []


def test_changing_a_session_through_planning_notifies_participants(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    from circles.services.sessions import session_save

    make_registration(circle, "anna@example.org")
    session = circle.sessions.order_by("date").first()
    assert session is not None
    session.location = "Wijkcentrum Pernis"
    with django_capture_on_commit_callbacks(execute=True):
        session_save(session=session, facilitators=session.facilitators.all(), building_blocks=[])
    [message] = mail.outbox
    assert "Was:   dinsdag 2 maart 2027, 13:00–16:00, Museumpark 40, Rotterdam" in message.body
    assert "Wordt: dinsdag 2 maart 2027, 13:00–16:00, Wijkcentrum Pernis" in message.body

"""The beat task that reminds participants two days before each session, once, through the outbox."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from smtplib import SMTPRecipientsRefused
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from icalendar import Calendar

from circles.models import Circle, Registration, SessionReminder
from circles.tasks import registrations_send_reminders
from leerkring.core.models import OutgoingMail
from leerkring.core.tasks import outbox_sweep
from tests.factories import make_registration, open_circle

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
# Sunday 28 February 2027, 10:00 in Rotterdam: the first session (2 March) is two days away.
TWO_DAYS_BEFORE = datetime.datetime(2027, 2, 28, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
SEND = "leerkring.core.emails.EmailMultiAlternatives.send"


@pytest.fixture
def circle(projectleider: User) -> Circle:
    circle = open_circle(projectleider)
    make_registration(circle, "anna@example.org")
    make_registration(circle, "wacht@example.org", status=Registration.Status.WAITLIST)
    make_registration(circle, "weg@example.org", status=Registration.Status.CANCELLED)
    return circle


def _remind(capture: Capture) -> int:
    """One beat run; its mails are delivered after its transactions commit, as in production."""
    with capture(execute=True):
        return int(registrations_send_reminders.delay().get())


def test_run_twice_sends_one_reminder(circle: Circle, django_capture_on_commit_callbacks: Capture) -> None:
    with time_machine.travel(TWO_DAYS_BEFORE):
        assert _remind(django_capture_on_commit_callbacks) == 1
        assert _remind(django_capture_on_commit_callbacks) == 0
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == f"Herinnering: {circle.name} op dinsdag 2 maart"
    assert "Binnenkort is bijeenkomst 1 van" in message.body
    assert "dinsdag 2 maart 2027, 13:00–16:00\nMuseumpark 40, Rotterdam" in message.body
    assert isinstance(message, EmailMultiAlternatives)
    assert "dinsdag 2 maart 2027" in str(message.alternatives[0][0])
    assert SessionReminder.objects.count() == 1
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT


def test_nothing_is_due_three_days_before(circle: Circle, django_capture_on_commit_callbacks: Capture) -> None:
    with time_machine.travel(TWO_DAYS_BEFORE - datetime.timedelta(days=1)):
        assert _remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_session_that_has_begun_gets_no_reminder(circle: Circle, django_capture_on_commit_callbacks: Capture) -> None:
    with time_machine.travel(datetime.datetime(2027, 3, 2, 13, 30, tzinfo=datetime.UTC)):
        assert _remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_failed_send_is_retried_by_the_outbox_not_by_a_second_reminder(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    with time_machine.travel(TWO_DAYS_BEFORE):
        with mock.patch(SEND, side_effect=ConnectionError("smtp down")):
            assert _remind(django_capture_on_commit_callbacks) == 1
        assert _remind(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.QUEUED
    with time_machine.travel(TWO_DAYS_BEFORE + datetime.timedelta(minutes=5)):
        assert outbox_sweep.delay().get() == 1
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]


def test_a_concept_circle_reminds_nobody(circle: Circle, django_capture_on_commit_callbacks: Capture) -> None:
    Circle.objects.filter(pk=circle.pk).update(status=Circle.Status.CONCEPT)
    with time_machine.travel(TWO_DAYS_BEFORE):
        assert _remind(django_capture_on_commit_callbacks) == 0


def test_an_address_the_mail_server_refuses_does_not_stop_the_other_reminders(
    circle: Circle, django_capture_on_commit_callbacks: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    refused = make_registration(circle, "bestaat-niet@example.org", first_name="Bea")
    Registration.objects.filter(pk=refused.pk).update(created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    real_send = EmailMultiAlternatives.send

    def send(message: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        if message.to == ["bestaat-niet@example.org"]:
            raise SMTPRecipientsRefused({"bestaat-niet@example.org": (550, b"5.1.1 User unknown")})
        return real_send(message, fail_silently)

    with time_machine.travel(TWO_DAYS_BEFORE), mock.patch(SEND, send):
        assert _remind(django_capture_on_commit_callbacks) == 2
        # The refused address is not tried again every quarter of an hour.
        assert _remind(django_capture_on_commit_callbacks) == 0
        assert outbox_sweep.delay().get() == 0
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    failed = OutgoingMail.objects.get(to_email="bestaat-niet@example.org")
    assert (failed.status, failed.failure, failed.attempts) == ("mislukt", "geweigerd", 1)
    assert "550 5.1.1 User unknown" in caplog.text


def test_a_circle_stored_with_a_line_break_in_its_name_still_gets_its_reminders_and_calendar(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Capture, client: Client
) -> None:
    broken = open_circle(projectleider, name="Leerkring\r\nBcc: iedereen@example.org")
    make_registration(broken, "piet@example.org", first_name="Piet")
    with time_machine.travel(TWO_DAYS_BEFORE):
        assert _remind(django_capture_on_commit_callbacks) == 2
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "anna@example.org": f"Herinnering: {circle.name} op dinsdag 2 maart",
        "piet@example.org": "Herinnering: Leerkring Bcc: iedereen@example.org op dinsdag 2 maart",
    }
    assert all(message.bcc == [] for message in mail.outbox)
    response = client.get(f"/leerkringen/{broken.code}/agenda.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == "Leerkring Bcc: iedereen@example.org"
    assert len(calendar.walk("VEVENT")) == 4


def test_a_recipient_whose_mail_cannot_be_built_does_not_stop_the_others(
    circle: Circle, django_capture_on_commit_callbacks: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    # Stored before forms checked it (or through the admin): a header injection attempt.
    bad = make_registration(circle, "eva@example.org\nBcc: iedereen@example.org", first_name="Eva")
    Registration.objects.filter(pk=bad.pk).update(created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    with time_machine.travel(TWO_DAYS_BEFORE):
        assert _remind(django_capture_on_commit_callbacks) == 2
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    failed = OutgoingMail.objects.get(about_id=bad.pk)
    assert (failed.status, failed.failure) == ("mislukt", "onvolledig")
    assert f"Mail {failed.pk} (session-reminder, circles.registration {bad.pk}) not delivered" in caplog.text

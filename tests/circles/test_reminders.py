"""The beat task that reminds participants two days before each session, once."""

from __future__ import annotations

import datetime
from smtplib import SMTPRecipientsRefused
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from circles.models import Circle, Registration, SessionReminder
from circles.tasks import registrations_send_reminders
from tests.factories import make_registration, open_circle

pytestmark = pytest.mark.django_db
# Sunday 28 February 2027, 10:00 in Rotterdam: the first session (2 March) is two days away.
TWO_DAYS_BEFORE = datetime.datetime(2027, 2, 28, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


@pytest.fixture
def circle(projectleider: User) -> Circle:
    circle = open_circle(projectleider)
    make_registration(circle, "anna@example.org")
    make_registration(circle, "wacht@example.org", status=Registration.Status.WAITLIST)
    make_registration(circle, "weg@example.org", status=Registration.Status.CANCELLED)
    return circle


def test_run_twice_sends_one_reminder(circle: Circle) -> None:
    with time_machine.travel(TWO_DAYS_BEFORE):
        assert registrations_send_reminders.delay().get() == 1
        assert registrations_send_reminders.delay().get() == 0
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == f"Herinnering: {circle.name} op dinsdag 2 maart"
    assert "Binnenkort is bijeenkomst 1 van" in message.body
    assert "dinsdag 2 maart 2027, 13:00–16:00\nMuseumpark 40, Rotterdam" in message.body
    assert isinstance(message, EmailMultiAlternatives)
    assert "dinsdag 2 maart 2027" in str(message.alternatives[0][0])
    assert SessionReminder.objects.count() == 1


def test_nothing_is_due_three_days_before(circle: Circle) -> None:
    with time_machine.travel(TWO_DAYS_BEFORE - datetime.timedelta(days=1)):
        assert registrations_send_reminders.delay().get() == 0
    assert mail.outbox == []


def test_a_session_that_has_begun_gets_no_reminder(circle: Circle) -> None:
    with time_machine.travel(datetime.datetime(2027, 3, 2, 13, 30, tzinfo=datetime.UTC)):
        assert registrations_send_reminders.delay().get() == 0
    assert mail.outbox == []


def test_a_failed_send_releases_the_claim_for_the_next_run(circle: Circle) -> None:
    with time_machine.travel(TWO_DAYS_BEFORE):
        failing = mock.patch(
            "leerkring.core.emails.EmailMultiAlternatives.send", side_effect=ConnectionError("smtp down")
        )
        with failing, pytest.raises(ConnectionError):
            registrations_send_reminders.delay().get()
        assert SessionReminder.objects.count() == 0
        assert registrations_send_reminders.delay().get() == 1
    assert len(mail.outbox) == 1


def test_a_concept_circle_reminds_nobody(circle: Circle) -> None:
    Circle.objects.filter(pk=circle.pk).update(status=Circle.Status.CONCEPT)
    with time_machine.travel(TWO_DAYS_BEFORE):
        assert registrations_send_reminders.delay().get() == 0


def test_an_address_the_mail_server_refuses_does_not_stop_the_other_reminders(
    circle: Circle, caplog: pytest.LogCaptureFixture
) -> None:
    refused = make_registration(circle, "bestaat-niet@example.org", first_name="Bea")
    Registration.objects.filter(pk=refused.pk).update(created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    real_send = EmailMultiAlternatives.send

    def send(message: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        if message.to == ["bestaat-niet@example.org"]:
            raise SMTPRecipientsRefused({"bestaat-niet@example.org": (550, b"5.1.1 User unknown")})
        return real_send(message, fail_silently)

    with time_machine.travel(TWO_DAYS_BEFORE), mock.patch("leerkring.core.emails.EmailMultiAlternatives.send", send):
        assert registrations_send_reminders.delay().get() == 1
        # The refused address is not tried again every quarter of an hour.
        assert registrations_send_reminders.delay().get() == 0
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert f"registration {refused.pk}" in caplog.text
    assert [record.levelname for record in caplog.records if "refused" in record.getMessage()] == ["WARNING"]

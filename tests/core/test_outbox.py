"""The outbox: a mail is a row of the transaction that promises it, delivered once, retried when that helps."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from smtplib import (
    SMTPDataError,
    SMTPRecipientsRefused,
    SMTPResponseException,
    SMTPSenderRefused,
    SMTPServerDisconnected,
)
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from circles import mails
from circles.models import Circle, Registration
from circles.services.registrations import registration_create, registrations_anonymise
from leerkring.core import figures, outbox, privacy
from leerkring.core.models import OutgoingMail
from leerkring.core.tasks import outbox_deliver, outbox_sweep
from tests.factories import SERVICE_FIELDS, before_the_circles, make_mail, make_registration, open_circle, signup_data

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
SEND = "leerkring.core.emails.EmailMultiAlternatives.send"
S = OutgoingMail.Status


@pytest.fixture(autouse=True)
def clock() -> Iterator[time_machine.Traveller]:
    with before_the_circles() as coordinates:
        yield coordinates


@pytest.fixture
def circle(projectleider: User) -> Circle:
    return open_circle(projectleider, capacity=2)


def _sign_up(circle: Circle, capture: Capture, *, execute: bool = True, **fields: str) -> Registration:
    with capture(execute=execute):
        result = registration_create(circle=circle, fields={**SERVICE_FIELDS, **fields})
    assert result.registration is not None
    return result.registration


def _later(clock: time_machine.Traveller, seconds: int) -> None:
    clock.shift(datetime.timedelta(seconds=seconds))


def _failing_once(error: Exception) -> Callable[..., int]:
    """A send that fails the first time with `error`, then delivers as the real one does."""
    real_send = EmailMultiAlternatives.send
    calls: list[int] = []

    def send(message: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise error
        return real_send(message, fail_silently)

    return send


# Written with the change ------------------------------------------------------------------------


def _deliveries(callbacks: list[Callable[[], object]]) -> list[Callable[[], object]]:
    """What the commit runs for the mail; the figures' refresh (leerkring/core/figures.py) aside."""
    return [callback for callback in callbacks if callback is not figures.refresh_soon]


def test_the_public_sign_up_writes_its_mail_in_its_transaction_and_delivers_it_after_commit(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("circles:public_detail", args=[circle.code]), signup_data())
        assert response.status_code == 302
        queued = OutgoingMail.objects.get()
        assert mail.outbox == []
    registration = Registration.objects.get()
    assert (queued.name, queued.to_email, queued.status) == ("signup-confirmation", registration.email, S.QUEUED)
    assert (queued.about_label, queued.about_id, queued.language) == ("circles.registration", registration.pk, "nl")
    assert queued.reply_to_email == circle.project_leader.email
    [deliver] = _deliveries(callbacks)
    deliver()
    [message] = mail.outbox
    assert message.subject == f"Aangemeld voor {circle.name}"
    assert message.extra_headers["Message-ID"] == f"<{queued.code}@localhost>"
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (S.SENT, 1)
    assert queued.sent_at is not None


def test_a_rolled_back_sign_up_leaves_no_mail_and_queues_nothing(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        registration_create(circle=circle, fields=SERVICE_FIELDS)
        raise RuntimeError("something later in the same transaction fails")
    assert not Registration.objects.exists()
    assert not OutgoingMail.objects.exists()
    assert callbacks == []


def test_the_waiting_list_mail_states_the_place_it_had_when_promised(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    for number in range(2):
        make_registration(circle, f"vol{number}@example.org")
    make_registration(circle, "wacht1@example.org", status=Registration.Status.WAITLIST)
    with django_capture_on_commit_callbacks() as callbacks:
        registration_create(circle=circle, fields=SERVICE_FIELDS)
    assert OutgoingMail.objects.get().data == {"position": 2}
    # Before the mail goes out, the one ahead leaves: the mail still says what was promised.
    Registration.objects.filter(email="wacht1@example.org").delete()
    [deliver] = _deliveries(callbacks)
    deliver()
    assert "u staat op plaats 2 van de wachtlijst" in mail.outbox[0].body


# Delivered once, even when a message is lost or two deliverers race ------------------------------


def test_a_mail_whose_broker_message_was_lost_is_delivered_by_the_sweep_once(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    with mock.patch.object(outbox_deliver, "apply_async") as lost:  # the broker takes it, and loses it
        _sign_up(circle, django_capture_on_commit_callbacks)
    lost.assert_called_once()
    assert mail.outbox == []
    assert outbox_sweep.delay().get() == 1
    assert outbox_sweep.delay().get() == 0
    assert [message.to for message in mail.outbox] == [["fatima@example.org"]]
    assert OutgoingMail.objects.get().status == S.SENT


def test_a_second_delivery_of_the_same_message_sends_nothing(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    _sign_up(circle, django_capture_on_commit_callbacks)
    queued = OutgoingMail.objects.get()
    assert outbox.mail_deliver(mail_id=queued.pk) is None
    assert len(mail.outbox) == 1


def test_a_claim_whose_deliverer_died_mid_send_is_sent_again_by_the_sweep(
    circle: Circle, clock: time_machine.Traveller, settings: Settings
) -> None:
    registration = make_registration(circle)
    dead = make_mail(registration, status=S.SENDING, attempts=1, claimed_at=datetime.datetime.now(datetime.UTC))
    _later(clock, 60)
    assert outbox_sweep.delay().get() == 0  # a minute-old claim may still be sending
    _later(clock, settings.OUTBOX_CLAIM_SECONDS)
    assert outbox_sweep.delay().get() == 1
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == (S.SENT, 2)
    assert len(mail.outbox) == 1


# Temporary failures are retried with backoff, permanent ones are not ----------------------------


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
        SMTPServerDisconnected("Connection unexpectedly closed"),
        SMTPResponseException(421, b"4.7.0 Try again later"),
        SMTPRecipientsRefused({"fatima@example.org": (450, b"4.2.0 Greylisted, try again")}),
    ],
    ids=["refused", "timeout", "disconnected", "421", "greylisted"],
)
def test_a_temporary_failure_is_retried_after_a_delay_and_then_delivered(
    circle: Circle, django_capture_on_commit_callbacks: Capture, clock: time_machine.Traveller, error: Exception
) -> None:
    with mock.patch(SEND, _failing_once(error)):
        _sign_up(circle, django_capture_on_commit_callbacks)
        waiting = OutgoingMail.objects.get()
        assert (waiting.status, waiting.attempts) == (S.QUEUED, 1)
        assert outbox_sweep.delay().get() == 0  # not due yet
        _later(clock, 61)
        assert outbox_sweep.delay().get() == 1
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts, waiting.error) == (S.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_each_temporary_failure_doubles_the_wait_and_the_last_attempt_gives_up(
    circle: Circle, django_capture_on_commit_callbacks: Capture, clock: time_machine.Traveller, settings: Any
) -> None:
    settings.OUTBOX_MAX_ATTEMPTS = 3
    with mock.patch(SEND, side_effect=SMTPResponseException(451, b"4.3.0 Mail server temporarily rejected")):
        _sign_up(circle, django_capture_on_commit_callbacks)
        waiting = OutgoingMail.objects.get()
        first_wait = waiting.next_attempt_at - datetime.datetime.now(datetime.UTC)
        _later(clock, 61)
        outbox_sweep.delay().get()
        waiting.refresh_from_db()
        second_wait = waiting.next_attempt_at - datetime.datetime.now(datetime.UTC)
        _later(clock, 121)
        outbox_sweep.delay().get()
    assert round(first_wait.total_seconds()) == 60 and round(second_wait.total_seconds()) == 120
    waiting.refresh_from_db()
    assert (waiting.status, waiting.failure, waiting.attempts) == (S.FAILED, "opgegeven", 3)
    assert waiting.error == "451 4.3.0 Mail server temporarily rejected"


@pytest.mark.parametrize(
    ("error", "detail"),
    [
        (SMTPRecipientsRefused({"fatima@example.org": (550, b"5.1.1 User unknown")}), "550 5.1.1 User unknown"),
        (SMTPDataError(554, b"5.7.1 Message rejected as spam"), "554 5.7.1 Message rejected as spam"),
        (SMTPSenderRefused(553, b"5.7.1 Sender not allowed", "leerkring@localhost"), "553 5.7.1 Sender not allowed"),
    ],
    ids=["recipient", "data", "sender"],
)
def test_a_permanent_refusal_is_not_retried(
    circle: Circle,
    django_capture_on_commit_callbacks: Capture,
    clock: time_machine.Traveller,
    error: Exception,
    detail: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with mock.patch(SEND, side_effect=error) as send:
        _sign_up(circle, django_capture_on_commit_callbacks)
        _later(clock, 24 * 3600)
        assert outbox_sweep.delay().get() == 0
    assert send.call_count == 1
    refused = OutgoingMail.objects.get()
    assert (refused.status, refused.failure, refused.error, refused.attempts) == (S.FAILED, "geweigerd", detail, 1)
    assert f"Mail {refused.pk} (signup-confirmation, circles.registration" in caplog.text


# One broken mail never stops the others -----------------------------------------------------------


def test_a_mail_that_cannot_be_built_fails_alone_and_the_sweep_goes_on(
    circle: Circle, caplog: pytest.LogCaptureFixture
) -> None:
    broken = make_mail(make_registration(circle, "kapot@example.org"))
    fine = make_mail(make_registration(circle, "heel@example.org"))
    real_context = mails.mail_context

    def context(registration: Registration, **kwargs: Any) -> dict[str, Any]:
        if registration.pk == broken.about_id:
            raise KeyError("sessions")
        return real_context(registration, **kwargs)

    with mock.patch("circles.mails.mail_context", context):
        assert outbox_sweep.delay().get() == 1
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert (broken.status, broken.failure, broken.error) == (S.FAILED, "onvolledig", "KeyError: 'sessions'")
    assert fine.status == S.SENT
    assert [message.to for message in mail.outbox] == [["heel@example.org"]]
    assert f"Mail {broken.pk} (signup-confirmation, circles.registration {broken.about_id}) could not be built" in (
        caplog.text
    )


def test_a_mail_about_a_sign_up_anonymised_before_delivery_is_dropped(circle: Circle) -> None:
    queued = make_mail(make_registration(circle))
    registrations_anonymise(Circle.objects.filter(pk=circle.pk), "Verwijderd")
    assert outbox_sweep.delay().get() == 0
    queued.refresh_from_db()
    assert queued.status == S.DROPPED
    assert mail.outbox == []


# Personal data -----------------------------------------------------------------------------------


def test_retention_wipes_the_addresses_of_mails_about_expired_circles_only(circle: Circle, projectleider: User) -> None:
    other = open_circle(projectleider, name="Andere kring")
    old = make_mail(make_registration(circle), reply_to_email="pl@example.org", error="550 <anna@example.org> unknown")
    kept = make_mail(make_registration(other, "bob@example.org"))
    wiped = privacy.anonymise_circles(Circle.objects.filter(pk=circle.pk), placeholder="Verwijderd")
    assert wiped["core.OutgoingMail"] == 1
    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.to_email, old.reply_to_email, old.error) == (outbox.ANONYMOUS_ADDRESS, "", "")
    assert kept.to_email == "bob@example.org"


def test_the_outbox_tells_which_mails_went_to_an_address(circle: Circle) -> None:
    make_mail(make_registration(circle, "anna@example.org"), status=S.SENT)
    [handler] = [handler for handler in privacy.handlers() if handler.label == "core.OutgoingMail"]
    assert handler.rows is not None
    assert [row.name for row in handler.rows(privacy.Person("Anna@Example.org"))] == ["signup-confirmation"]


# Two deliverers at the same moment (PostgreSQL) --------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_deliverers_racing_over_the_same_mails_send_each_exactly_once(postgres: None, projectleider: User) -> None:
    circle = open_circle(projectleider, capacity=100)
    queued = [make_mail(make_registration(circle, f"p{number}@example.org")) for number in range(20)]
    real_send = EmailMultiAlternatives.send
    barrier = threading.Barrier(2)
    results: list[Any] = [None, None]

    def slow_send(message: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        threading.Event().wait(0.005)  # long enough for the other deliverer to reach the same mail
        return real_send(message, fail_silently)

    def deliverer(index: int) -> None:
        try:
            barrier.wait()
            results[index] = outbox.outbox_sweep()
        except Exception as error:  # the assertions report it
            results[index] = error
        finally:
            connection.close()

    with mock.patch(SEND, slow_send):
        threads = [threading.Thread(target=deliverer, args=(index,)) for index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert all(isinstance(result, int) for result in results), results
    assert sum(results) == 20
    assert sorted(message.to[0] for message in mail.outbox) == sorted(row.to_email for row in queued)
    assert len({message.extra_headers["Message-ID"] for message in mail.outbox}) == 20
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {(S.SENT, 1)}


# Every mail goes through here ----------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def test_every_mail_the_app_can_write_is_a_kind_the_outbox_delivers() -> None:
    templates = {
        path.name.removesuffix("-subject.txt") for path in (ROOT / "templates" / "emails").glob("*-subject.txt")
    }
    assert templates == outbox.kind_names()


def test_nothing_but_the_outbox_builds_or_sends_a_message() -> None:
    allowed = {ROOT / "leerkring" / "core" / "outbox.py", ROOT / "leerkring" / "core" / "emails.py"}
    words = ("EmailMultiAlternatives", "EmailMessage", "send_mail(", "emails.build")
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("leerkring", "buildingblocks", "circles", "sessions", "reports")
        for path in (ROOT / package).rglob("*.py")
        if path not in allowed and any(word in path.read_text() for word in words)
    ]
    assert offenders == []


def test_beat_sweeps_the_outbox_every_minute_by_default(settings: Settings) -> None:
    [entry] = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == outbox_sweep.name]
    assert entry["schedule"] == settings.OUTBOX_SWEEP_SECONDS == 60


def test_the_admin_shows_the_outbox_but_changes_nothing(client: Client, superuser: User, circle: Circle) -> None:
    make_mail(make_registration(circle, "anna@example.org"), status=S.FAILED, failure="geweigerd")
    client.force_login(superuser)
    listing = client.get("/admin/core/outgoingmail/")
    assert listing.status_code == 200
    assert "anna@example.org" in listing.content.decode()
    assert client.get("/admin/core/outgoingmail/add/").status_code == 403

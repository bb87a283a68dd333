"""The transactional outbox: every e-mail is a database row first, delivered by a worker after commit.

A feature calls `mail_queue(...)` inside the transaction of the change that promises the mail, so
the mail exists exactly when the change does (a rolled-back sign-up queues nothing). After commit
`outbox_deliver` is sent to the broker; that message only says "look now". A lost message, a
Redis restart or a crashed worker delays the mail: `outbox_sweep` (beat, every
OUTBOX_SWEEP_SECONDS) delivers whatever is still due.

The row stores an intent, not a rendered message: the mail's name, recipient, language, reply-to,
what it is about (`about`: a model row, e.g. a sign-up) and, in `data`, the facts of the promise
that may change before delivery (the place on the waiting list, a session's old date and place).
The message is rendered at delivery by the builder the owning app registered for that name
(`register(MailKind(...))`). Why:
- the request stays cheap: one INSERT, no templates, no session list, no calendar (the public
  sign-up POST has a query budget, issue 13);
- the mail says what was true when it was promised, because those facts are stored in `data`,
  while links, names and the session list are read fresh;
- a broken context (a deleted row, a template error, a bad stored value) fails that one mail,
  recorded on its row and logged, and never the request or the rest of a batch.

Delivery claims a row with a conditional UPDATE (wachtrij → bezig), so concurrent deliverers
(the after-commit task, a redelivered message, overlapping sweeps) send each mail at most once.
Temporary failures (connection errors, time-outs, 4xx answers) go back to wachtrij with a growing
delay, at most OUTBOX_MAX_ATTEMPTS tries; permanent refusals (5xx, a refused recipient) and mails
that cannot be built are final ("e-mail niet afgeleverd", with the reason, on the sign-ups page).
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from smtplib import SMTPAuthenticationError, SMTPException, SMTPRecipientsRefused, SMTPResponseException
from typing import TYPE_CHECKING, Any, NamedTuple

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError
from django.db.models import F, Model, QuerySet
from django.utils import timezone, translation

from leerkring.core import emails
from leerkring.core.emails import Attachment
from leerkring.core.headers import single_line
from leerkring.core.models import OutgoingMail

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)
Status = OutgoingMail.Status
Failure = OutgoingMail.Failure
ANONYMOUS_ADDRESS = "verwijderd@anoniem.invalid"
SWEEP_BATCH = 500


# The registry: which mails exist and how each is built -------------------------------------------


@dataclass(frozen=True)
class Letter:
    """What a builder returns: the template context and the attachments of one mail."""

    context: dict[str, Any]
    attachments: Sequence[Attachment] = ()


# Builds the letter of a queued mail, in the mail's language; None when it no longer applies
# (e.g. its sign-up was anonymised or removed): the row is then dropped, not sent.
Build = Callable[[OutgoingMail], Letter | None]


@dataclass(frozen=True)
class MailKind:
    """A mail of the app: its template name, how the sign-ups page names it, and its builder."""

    name: str
    label: StrOrPromise
    build: Build


@dataclass(frozen=True)
class About:
    """A model mails are about, and its rows belonging to some circles (for retention)."""

    model: type[Model]
    in_circles: Callable[[QuerySet[Any]], QuerySet[Any]]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_kinds: dict[str, MailKind] = {}
_abouts: dict[str, About] = {}


def register(kind: MailKind) -> None:
    """Called from an AppConfig.ready(); a name is registered once."""
    _kinds.setdefault(kind.name, kind)


def register_about(model: type[Model], *, in_circles: Callable[[QuerySet[Any]], QuerySet[Any]]) -> None:
    about = About(model, in_circles)
    _abouts.setdefault(about.label, about)


def kind_names() -> set[str]:
    return set(_kinds)


def kind_label(name: str) -> str:
    kind = _kinds.get(name)
    return str(kind.label) if kind else name


def about_label(instance: Model) -> str:
    return instance._meta.label_lower


# Queueing --------------------------------------------------------------------------------------


def mail_queue(
    *,
    name: str,
    to: str,
    about: Model,
    language: str,
    reply_to: str = "",
    data: Mapping[str, Any] | None = None,
) -> OutgoingMail:
    """Store a mail in the caller's transaction and have it delivered after commit.

    `data` holds plain JSON values only: the facts the mail must state as they were now.
    """
    from leerkring.core.background import enqueue_after_commit
    from leerkring.core.tasks import outbox_deliver

    if name not in _kinds:
        raise ValueError(f"No mail kind {name!r} is registered")
    mail = OutgoingMail.objects.create(
        name=name,
        to_email=to,
        reply_to_email=reply_to or "",
        language=language or settings.LANGUAGE_CODE,
        about_label=about_label(about),
        about_id=about.pk,
        data=dict(data or {}),
    )
    enqueue_after_commit(outbox_deliver, mail.pk)
    return mail


# Delivering ------------------------------------------------------------------------------------


class Verdict(NamedTuple):
    """How a failed attempt ends: try again later, or `failure` for good."""

    transient: bool
    failure: str
    detail: str


def _server_text(text: bytes | str) -> str:
    return single_line(text.decode(errors="replace") if isinstance(text, bytes) else text, limit=300)


def smtp_verdict(exc: BaseException) -> Verdict:
    """Temporary (4xx, no connection, time-out) or permanent (5xx, a refused recipient, a bad message)."""
    if isinstance(exc, SMTPRecipientsRefused):
        answers = list(exc.recipients.values())
        detail = "; ".join(f"{code} {_server_text(text)}" for code, text in answers)
        return Verdict(all(400 <= code < 500 for code, _text in answers), Failure.REFUSED, detail)
    if isinstance(exc, SMTPAuthenticationError):
        # Our own account is refused: every mail would fail alike, so give the admin time to fix it.
        return Verdict(True, Failure.GAVE_UP, f"{exc.smtp_code} {_server_text(exc.smtp_error)}")
    if isinstance(exc, SMTPResponseException):
        detail = f"{exc.smtp_code} {_server_text(exc.smtp_error)}"
        return Verdict(not 500 <= exc.smtp_code < 600, Failure.REFUSED, detail)
    if isinstance(exc, SMTPException | OSError | SoftTimeLimitExceeded):
        return Verdict(True, Failure.GAVE_UP, single_line(f"{type(exc).__name__}: {exc}", limit=300))
    # A header or address that cannot be written (stored bad data), a template error, ...
    return Verdict(False, Failure.BROKEN, single_line(f"{type(exc).__name__}: {exc}", limit=300))


def retry_delay(attempts: int) -> datetime.timedelta:
    """OUTBOX_RETRY_SECONDS, doubled after every failed attempt, at most an hour."""
    return datetime.timedelta(seconds=min(3600, settings.OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0)))


def mail_claim(*, mail_id: int) -> bool:
    """wachtrij → bezig when due, counting the attempt; False when another deliverer has it (or it is not due)."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(pk=mail_id, status=Status.QUEUED, next_attempt_at__lte=now).update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1, updated_at=now
    )
    return claimed == 1


def _settle(mail: OutgoingMail, **fields: Any) -> bool:
    """End our claim; only while it is still ours (the sweep may have released a claim it took for dead)."""
    still_ours = OutgoingMail.objects.filter(pk=mail.pk, status=Status.SENDING, attempts=mail.attempts)
    return still_ours.update(updated_at=timezone.now(), claimed_at=None, **fields) == 1


def _message(mail: OutgoingMail) -> EmailMultiAlternatives | None:
    with translation.override(mail.language):
        letter = _kinds[mail.name].build(mail)
    if letter is None:
        return None
    return emails.build(
        name=mail.name,
        to=mail.to_email,
        context=letter.context,
        language=mail.language,
        attachments=letter.attachments,
        reply_to=mail.reply_to_email,
        code=str(mail.code),
    )


def _described(mail: OutgoingMail) -> str:
    return f"Mail {mail.pk} ({mail.name}, {mail.about_label} {mail.about_id})"


def _failed(mail: OutgoingMail, verdict: Verdict) -> str:
    if verdict.transient and mail.attempts < settings.OUTBOX_MAX_ATTEMPTS:
        delay = retry_delay(mail.attempts)
        logger.warning(
            "%s: attempt %d failed for now, next in %ds: %s",
            _described(mail),
            mail.attempts,
            delay.total_seconds(),
            verdict.detail,
        )
        _settle(mail, status=Status.QUEUED, next_attempt_at=timezone.now() + delay, error=verdict.detail)
        return Status.QUEUED
    failure = Failure.GAVE_UP if verdict.transient else verdict.failure
    logger.error(
        "%s not delivered after %d attempt(s): %s: %s", _described(mail), mail.attempts, failure, verdict.detail
    )
    _settle(mail, status=Status.FAILED, failure=failure, error=verdict.detail)
    return Status.FAILED


def mail_deliver(*, mail_id: int) -> str | None:
    """Claim, build and send one mail; its new status, or None when it was not ours to send.

    Nothing raises out of here for one mail's sake (but a lost database does): the outcome is on
    the row and in the log, so a batch goes on with the next mail.
    """
    if not mail_claim(mail_id=mail_id):
        return None
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        message = _message(mail)
    except DatabaseError as exc:
        return _failed(mail, Verdict(True, Failure.GAVE_UP, single_line(exc, limit=300)))
    except Exception as exc:  # one broken mail is recorded on its row; the others go on
        logger.exception("%s could not be built", _described(mail))
        return _failed(mail, smtp_verdict(exc))
    if message is None:
        logger.info("%s no longer applies: dropped", _described(mail))
        _settle(mail, status=Status.DROPPED)
        return Status.DROPPED
    try:
        message.send()
    except SoftTimeLimitExceeded:
        _failed(mail, smtp_verdict(SoftTimeLimitExceeded()))
        raise
    except Exception as exc:  # every way a send fails ends as a verdict on this row
        return _failed(mail, smtp_verdict(exc))
    _settle(mail, status=Status.SENT, sent_at=timezone.now(), failure="", error="")
    return Status.SENT


def _release_abandoned(now: datetime.datetime) -> None:
    """Put claims back whose deliverer died mid-send (killed worker, lost container).

    A claim older than OUTBOX_CLAIM_SECONDS cannot belong to a live deliverer: a send gives up
    after EMAIL_TIMEOUT and a task is killed at CELERY_TASK_TIME_LIMIT, both far shorter. So the
    mail goes back to wachtrij and is sent again. That may send it twice, if the worker died
    after the mail server accepted it and before the row said so (a window of milliseconds),
    but never loses it: a confirmation that never arrives is worse than one that arrives twice,
    and both copies carry the same Message-ID, so mail programs can tell. Past the last attempt
    the mail fails instead, so a mail that kills its worker every time does not loop for ever.
    """
    abandoned = OutgoingMail.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - datetime.timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    )
    given_up = abandoned.filter(attempts__gte=settings.OUTBOX_MAX_ATTEMPTS).update(
        status=Status.FAILED,
        failure=Failure.GAVE_UP,
        error="delivery stopped mid-send",
        claimed_at=None,
        updated_at=now,
    )
    released = abandoned.update(status=Status.QUEUED, next_attempt_at=now, claimed_at=None, updated_at=now)
    if given_up or released:
        logger.warning("Outbox: %d abandoned claim(s) queued again, %d given up", released, given_up)


def outbox_sweep() -> int:
    """Deliver every mail that is due (a lost message, a retry whose time has come); how many were sent.

    Stops taking new mails after OUTBOX_SWEEP_BUDGET_SECONDS, well inside the task's time limit;
    the next sweep goes on where this one stopped.
    """
    now = timezone.now()
    _release_abandoned(now)
    due = OutgoingMail.objects.filter(status=Status.QUEUED, next_attempt_at__lte=now).order_by("next_attempt_at", "pk")
    pks = list(due.values_list("pk", flat=True)[:SWEEP_BATCH])
    deadline = time.monotonic() + settings.OUTBOX_SWEEP_BUDGET_SECONDS
    sent = 0
    for number, pk in enumerate(pks):
        if time.monotonic() > deadline:
            logger.info("Outbox sweep: time is up, %d due mail(s) left for the next sweep", len(pks) - number)
            break
        sent += mail_deliver(mail_id=pk) == Status.SENT
    if pks:
        logger.info("Outbox sweep: %d of %d due mail(s) sent", sent, len(pks))
    return sent


# Personal data (registered with leerkring/core/privacy.py) ---------------------------------------


def outbox_anonymise(circles: QuerySet[Any], placeholder: str) -> int:
    """Wipe the addresses (and server answers, which may quote them) of mails about these circles' rows."""
    count = 0
    for about in _abouts.values():
        rows = OutgoingMail.objects.filter(about_label=about.label, about_id__in=about.in_circles(circles).values("pk"))
        count += rows.exclude(to_email=ANONYMOUS_ADDRESS).update(
            to_email=ANONYMOUS_ADDRESS, reply_to_email="", error="", updated_at=timezone.now()
        )
    return count


def outbox_rows(person: Any) -> QuerySet[OutgoingMail]:
    """The mails sent (or to be sent) to one person's address (a privacy.Person)."""
    return OutgoingMail.objects.filter(to_email__iexact=person.email).order_by("created_at", "pk")


def outbox_erase(rows: QuerySet[OutgoingMail], placeholder: str) -> int:
    """The mails stay (counts of what was sent) without the address or a server's answer quoting it."""
    return rows.update(to_email=ANONYMOUS_ADDRESS, reply_to_email="", error="", updated_at=timezone.now())

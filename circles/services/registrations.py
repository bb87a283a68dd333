"""Sign-ups: capacity, waiting list, cancelling, and the e-mails around them.

Every mail is queued in the outbox (leerkring/core/outbox.py) inside the transaction of the
change that promises it; circles/mails.py says what each one says when it is delivered.

Capacity holds under concurrency because every change that can fill or free a place first
locks the circle row (`select_for_update`) and only then counts and writes.

Permissions: these services trust their caller. Views ask circles.access first (the public
sign-up needs none; the project leader's changes go through `circle_for_user(..., change=True)`);
what a service refuses for the circle's own sake it raises as SignupRefused with a message.
"""

from __future__ import annotations

import calendar
import datetime
import logging
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from circles import mails
from circles.models import Circle, Registration, Session, SessionReminder
from circles.privacy import registrations_wipe
from leerkring.core import outbox, privacy

logger = logging.getLogger(__name__)
CANCEL_SALT = "circles.registration.cancel"
# A cancel link also stops working when its circle has ended; this is the outer bound.
CANCEL_MAX_AGE = datetime.timedelta(days=2 * 365)
R = Registration.Status


class SignupRefused(Exception):
    """The circle no longer takes sign-ups, or a status change would break its capacity."""


def _refused_because_over() -> SignupRefused:
    return SignupRefused(
        _("Deze leerkring is geannuleerd of afgerond: er kan niemand meer worden toegevoegd of bevestigd.")
    )


@dataclass(frozen=True)
class SignupResult:
    """What a sign-up did. `registration` is None when the address was already signed up.

    `status` and `position` are what the page after signing up shows. For an address already
    signed up they are what a new sign-up would have got at that moment, so the page tells a
    stranger nothing about whether the address was known; its owner gets the truth by mail.
    """

    registration: Registration | None
    status: str = R.CONFIRMED
    position: int | None = None

    @property
    def duplicate(self) -> bool:
        return self.registration is None


def circle_confirmed_count(circle: Circle) -> int:
    return circle.registrations.filter(status=R.CONFIRMED).count()


def circle_waitlist(circle: Circle) -> QuerySet[Registration]:
    return circle.registrations.filter(status=R.WAITLIST).order_by("created_at", "pk")


def registration_waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not on it."""
    if registration.status != R.WAITLIST:
        return None
    ahead = circle_waitlist(registration.circle).filter(created_at__lt=registration.created_at).count()
    same_time = (
        circle_waitlist(registration.circle).filter(created_at=registration.created_at, pk__lt=registration.pk).count()
    )
    return ahead + same_time + 1


def _lock(circle: Circle) -> Circle:
    return Circle.objects.select_for_update(of=("self",)).select_related("project_leader").get(pk=circle.pk)


def _lock_announced(code: UUID) -> Circle:
    announced = Circle.objects.filter(status__in=Circle.ANNOUNCED_STATUSES).select_related("project_leader")
    return announced.select_for_update(of=("self",)).get(code=code)


def _signup_counts(circle: Circle, email: str) -> dict[str, int]:
    """One query under the lock: is the address known, and how many are confirmed and waiting."""
    return circle.registrations.aggregate(
        existing=Count("pk", filter=Q(email=email)),
        waiting=Count("pk", filter=Q(status=R.WAITLIST)),
        confirmed=Count("pk", filter=Q(status=R.CONFIRMED)),
    )


def _queue_mail(name: str, registration: Registration, *, reply_to: str, data: dict[str, Any] | None = None) -> None:
    """Queue a mail about this sign-up in the current transaction; the outbox delivers it after commit."""
    outbox.mail_queue(
        name=name,
        to=registration.email,
        about=registration,
        language=registration.language,
        reply_to=reply_to,
        data=data,
    )


def registration_create(
    *,
    circle: Circle,
    fields: dict[str, Any],
    language: str = settings.LANGUAGE_CODE,
    added_by: User | None = None,
    send_mail: bool = True,
) -> SignupResult:
    """Sign someone up: confirmed while places are left, otherwise on the waiting list.

    The same address twice for one circle creates nothing; the address owner gets an
    e-mail about the existing sign-up, so the page never tells a visitor whether it existed.
    The mail is queued in the same transaction: no sign-up without its mail, and no mail without it.
    """
    with transaction.atomic():
        return _sign_up(_lock(circle), fields, language=language, added_by=added_by, send_mail=send_mail)


def registration_create_public(*, code: UUID, fields: dict[str, Any], language: str) -> SignupResult:
    """A visitor's sign-up from the public page: the circle is found and locked in one query, so the
    POST needs no other read before it (Circle.DoesNotExist when no announced circle has this code)."""
    with transaction.atomic():
        return _sign_up(_lock_announced(code), fields, language=language, added_by=None, send_mail=True)


def _sign_up(
    locked: Circle, fields: dict[str, Any], *, language: str, added_by: User | None, send_mail: bool
) -> SignupResult:
    """The sign-up itself, in the caller's transaction with the circle locked."""
    email = fields["email"].strip().lower()
    reply_to = locked.project_leader.email
    if added_by is None and not locked.is_open_for_signup:
        raise SignupRefused(_("Aanmelden voor deze leerkring is niet meer mogelijk."))
    if added_by is not None and locked.is_over:
        raise _refused_because_over()
    counts = _signup_counts(locked, email)
    # Whoever waits goes first, even when a place is free for a moment.
    waiting = counts["waiting"]
    full = waiting > 0 or counts["confirmed"] >= locked.capacity
    # The same answer whether or not the address was known: the page never tells who signed up.
    outcome: dict[str, Any] = {"status": R.WAITLIST, "position": waiting + 1} if full else {"status": R.CONFIRMED}
    if counts["existing"]:
        if send_mail:
            _queue_mail(mails.SIGNUP_DUPLICATE, locked.registrations.get(email=email), reply_to=reply_to)
        return SignupResult(registration=None, **outcome)
    # With the row lock no second sign-up of this address can come in between, so the insert needs
    # no savepoint of its own; without row locks (SQLite) the unique constraint decides, inside one.
    locks_rows = connection.features.has_select_for_update
    try:
        with nullcontext() if locks_rows else transaction.atomic():
            registration = Registration.objects.create(
                **{**fields, "email": email},
                circle=locked,
                status=R.WAITLIST if full else R.CONFIRMED,
                language=language,
                added_by=added_by,
            )
    except IntegrityError:
        if locks_rows:
            raise
        # Only reachable without the row lock: same answer as above.
        return SignupResult(registration=None, **outcome)
    if send_mail and full:
        # The place on the waiting list as it is now: what the mail promises.
        _queue_mail(mails.SIGNUP_WAITLIST, registration, reply_to=reply_to, data={"position": waiting + 1})
    elif send_mail:
        _queue_mail(mails.SIGNUP_CONFIRMATION, registration, reply_to=reply_to)
    return SignupResult(registration=registration, **outcome)


def _promote_first(circle: Circle) -> Registration | None:
    """Give a free place to the first on the waiting list; the circle must be locked.

    Only a published or closed circle hands out places: in a concept nobody has been
    promised one yet, and a cancelled or completed circle has none left to give.
    """
    if not circle.hands_out_places or circle_confirmed_count(circle) >= circle.capacity:
        return None
    first = circle_waitlist(circle).first()
    if first is None:
        return None
    first.status = R.CONFIRMED
    first.save(update_fields=["status", "updated_at"])
    _queue_mail(mails.SIGNUP_PROMOTION, first, reply_to=circle.project_leader.email)
    return first


def circle_fill_free_places(*, circle: Circle) -> list[Registration]:
    """Promote from the waiting list while places are free (after the capacity was raised).

    Returns those promoted, in waiting-list order; each gets an e-mail after commit.
    """
    promoted: list[Registration] = []
    with transaction.atomic():
        locked = _lock(circle)
        while (registration := _promote_first(locked)) is not None:
            promoted.append(registration)
    return promoted


def registration_cancel(*, registration: Registration, confirm: bool = False) -> Registration | None:
    """Cancel a sign-up; in a running circle a freed place goes to the first on the waiting list (returned).

    `confirm`: the participant cancelled themself and gets a mail that it worked.
    """
    with transaction.atomic():
        circle = _lock(registration.circle)
        registration.refresh_from_db()
        if registration.status == R.CANCELLED:
            return None
        registration.status = R.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        if confirm:
            _queue_mail(mails.SIGNUP_CANCELLED, registration, reply_to=circle.project_leader.email)
        return _promote_first(circle)


def registration_update_details(*, registration: Registration, fields: dict[str, Any]) -> list[str]:
    """A participant changes their own details (Mijn aanmelding); returns the fields that changed.

    Compared with the row as stored: a validated ModelForm has already copied its values onto
    the instance it was given.
    """
    with transaction.atomic():
        stored = Registration.objects.select_for_update().get(pk=registration.pk)
        changed = [name for name, value in fields.items() if getattr(stored, name) != value]
        if changed:
            for name in changed:
                setattr(stored, name, fields[name])
            stored.save(update_fields=[*changed, "updated_at"])
    for name in changed:
        setattr(registration, name, fields[name])
    return changed


def registration_links_resend(*, email: str) -> int:
    """Mail the personal link of every sign-up of this address that still exists (one mail each).

    The caller tells the visitor the same whatever this returns: whether an address is known is
    not for a stranger to learn."""
    registrations = Registration.objects.select_related("circle__project_leader").filter(
        email=email.strip().lower(), anonymised_at__isnull=True
    )
    count = 0
    with transaction.atomic():
        for registration in registrations:
            _queue_mail(mails.MINE_LINK, registration, reply_to=registration.circle.project_leader.email)
            count += 1
    return count


def registration_set_status(*, registration: Registration, status: str) -> Registration | None:
    """The project leader changes a status. Returns whoever was promoted into a freed place.

    Confirming beyond capacity is refused; cancelling a confirmed sign-up promotes the
    first on the waiting list, as when the participant cancels.
    """
    if status == R.CANCELLED:
        return registration_cancel(registration=registration)
    with transaction.atomic():
        circle = _lock(registration.circle)
        registration.refresh_from_db()
        if registration.status == status:
            return None
        if status == R.CONFIRMED and circle.is_over:
            raise _refused_because_over()
        if status == R.CONFIRMED and circle_confirmed_count(circle) >= circle.capacity:
            raise SignupRefused(
                _("De leerkring is vol (%(capacity)d deelnemers). Verhoog eerst het maximum aantal deelnemers.")
                % {"capacity": circle.capacity}
            )
        previous = registration.status
        registration.status = status
        registration.cancelled_at = None
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        if status == R.CONFIRMED and previous == R.WAITLIST:
            _queue_mail(mails.SIGNUP_PROMOTION, registration, reply_to=circle.project_leader.email)
        elif status == R.CONFIRMED and previous == R.CANCELLED:
            # Back in: the same mail as a new sign-up, with the sessions and a fresh cancel link.
            _queue_mail(mails.SIGNUP_CONFIRMATION, registration, reply_to=circle.project_leader.email)
    return None


def registration_cancel_token(registration: Registration) -> str:
    return signing.dumps(str(registration.code), salt=CANCEL_SALT, compress=True)


class CancelLinkInvalid(Exception):
    pass


class CancelLinkExpired(Exception):
    pass


def registration_from_cancel_token(token: str, *, today: datetime.date, after_end: bool = False) -> Registration:
    """The sign-up a cancel link stands for; refuses tampered links and those of ended circles.

    `after_end`: the link also opens once the circle has ended, for what comes after the last
    session (Mijn aanmelding with the evaluation and the proof of participation), until the link's
    outer bound or the sign-up's anonymisation.
    """
    try:
        code = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_MAX_AGE)
    except signing.SignatureExpired:
        raise CancelLinkExpired from None
    except signing.BadSignature:
        raise CancelLinkInvalid from None
    registration = Registration.objects.select_related("circle").filter(code=code).first()
    if registration is None or registration.anonymised_at is not None:
        raise CancelLinkInvalid
    if registration.circle.end_date < today and not after_end:
        raise CancelLinkExpired
    return registration


def registrations_notify_session_change(
    *, session: Session, old: dict[str, datetime.date | datetime.time | str]
) -> int:
    """Tell the participants of an announced circle that a session's date, time or place changed.

    `old` holds the previous values of the changed fields (date, start_time, end_time,
    location); they travel on each mail's row, so the mail says what the session was. Call it
    inside the transaction that saves the session: one mail per confirmed participant is queued
    with it. Returns how many.
    """
    circle = session.circle
    if not old or not circle.is_announced:
        return 0
    serialised = {key: value if isinstance(value, str) else value.isoformat() for key, value in old.items()}
    reply_to = circle.project_leader.email
    data = {"session": session.pk, "old": serialised}
    count = 0
    with transaction.atomic():
        for registration in circle.registrations.filter(status=R.CONFIRMED, anonymised_at__isnull=True):
            _queue_mail(mails.SESSION_CHANGE, registration, reply_to=reply_to, data=data)
            count += 1
    return count


# Reminders -----------------------------------------------------------------------------------

REMIND_DAYS_AHEAD = 2


def sessions_due_for_reminder(*, now: datetime.datetime) -> list[Session]:
    """Sessions of running circles that start within the next two days and have not begun."""
    today = timezone.localdate(now)
    candidates = Session.objects.filter(
        circle__status__in=Circle.ANNOUNCED_STATUSES,
        date__gte=today,
        date__lte=today + datetime.timedelta(days=REMIND_DAYS_AHEAD),
    ).select_related("circle__project_leader")
    return [session for session in candidates.order_by("date", "start_time", "pk") if session.starts_at > now]


def _reminder_queue(*, session: Session, registration: Registration) -> bool:
    """Claim by inserting the SessionReminder row and queue the mail, in one transaction.

    A second run (even a concurrent one) fails on the unique constraint and queues nothing. The
    outbox delivers the mail, retries a temporary failure and records a refusal on the sign-up.
    """
    try:
        with transaction.atomic():
            SessionReminder.objects.create(session=session, registration=registration)
            _queue_mail(
                mails.SESSION_REMINDER,
                registration,
                reply_to=session.circle.project_leader.email,
                data={"session": session.pk},
            )
    except IntegrityError:
        return False
    return True


def registrations_remind(*, now: datetime.datetime) -> int:
    """Queue the reminders that are due; returns how many this run queued.

    Each reminder is its own transaction: one that cannot be queued is logged and left unclaimed
    for the next run (every quarter of an hour), and the others still go.
    """
    queued = 0
    for session in sessions_due_for_reminder(now=now):
        due = (
            session.circle.registrations.filter(status=R.CONFIRMED, anonymised_at__isnull=True)
            .exclude(reminders__session=session)
            .order_by("pk")
        )
        for registration in due:
            try:
                queued += _reminder_queue(session=session, registration=registration)
            except Exception:  # one sign-up never stops the others' reminders; the next run tries again
                logger.exception("Reminder for session %s, registration %s not queued", session.pk, registration.pk)
    return queued


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier, or the month's last day when it is shorter (31 March → 28 February)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last_day))


def registrations_anonymise_expired(*, today: datetime.date) -> int:
    """Wipe the names of circles that ended more than RETENTION_MONTHS ago, as the privacy page promises.

    Every app's personal-data handler (leerkring/core/privacy.py) wipes its part: sign-ups lose
    name, e-mail address, phone and learning question; walk-in guests and action owners lose
    their name; PDFs that list names are deleted. Organisation, team and function stay:
    attendance figures in reports count them. Safe to run again. Returns how many sign-ups
    were wiped by this run.
    """
    cutoff = months_before(today, settings.RETENTION_MONTHS)
    expired = Circle.objects.filter(end_date__lt=cutoff)
    wiped = privacy.anonymise_circles(expired, placeholder=_("Verwijderd"))
    return wiped[Registration._meta.label]


def registrations_anonymise(circles: QuerySet[Circle], placeholder: str) -> int:
    """The privacy handler of sign-ups: wipe the personal fields of these circles' sign-ups."""
    return registrations_wipe(Registration.objects.filter(circle__in=circles, anonymised_at__isnull=True), placeholder)

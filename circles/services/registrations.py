"""Sign-ups: capacity, waiting list, cancelling, and the e-mails around them.

Capacity holds under concurrency because every change that can fill or free a place first
locks the circle row (`select_for_update`) and only then counts and writes.

Permissions: these services trust their caller. Views ask circles.access first (the public
sign-up needs none; the project leader's changes go through `circle_for_user(..., change=True)`);
what a service refuses for the circle's own sake it raises as SignupRefused with a message.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from smtplib import SMTPRecipientsRefused
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from circles.calendar import calendar_for_sessions
from circles.models import Circle, Registration, Session, SessionReminder
from leerkring.core import emails, privacy
from leerkring.core.emails import Attachment

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
    """What a sign-up did. `registration` is None when the address was already signed up."""

    registration: Registration | None

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
    return Circle.objects.select_for_update().get(pk=circle.pk)


def _after_commit_mail(kind: str, registration: Registration) -> None:
    from circles.tasks import registration_send_mail

    pk = registration.pk
    transaction.on_commit(lambda: registration_send_mail.delay(pk, kind))


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
    """
    email = fields["email"].strip().lower()
    with transaction.atomic():
        locked = _lock(circle)
        if added_by is None and not locked.is_open_for_signup:
            raise SignupRefused(_("Aanmelden voor deze leerkring is niet meer mogelijk."))
        if added_by is not None and locked.is_over:
            raise _refused_because_over()
        existing = locked.registrations.filter(email=email).first()
        if existing is not None:
            if send_mail:
                _after_commit_mail("duplicate", existing)
            return SignupResult(registration=None)
        # Whoever waits goes first, even when a place is free for a moment.
        full = circle_confirmed_count(locked) >= locked.capacity or circle_waitlist(locked).exists()
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    **{**fields, "email": email},
                    circle=locked,
                    status=R.WAITLIST if full else R.CONFIRMED,
                    language=language,
                    added_by=added_by,
                )
        except IntegrityError:
            # Only reachable without the row lock (e.g. SQLite in tests): same answer as above.
            return SignupResult(registration=None)
        if send_mail:
            _after_commit_mail("waitlist" if full else "confirmation", registration)
    return SignupResult(registration=registration)


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
    _after_commit_mail("promotion", first)
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


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a sign-up; in a running circle a freed place goes to the first on the waiting list (returned)."""
    with transaction.atomic():
        circle = _lock(registration.circle)
        registration.refresh_from_db()
        if registration.status == R.CANCELLED:
            return None
        registration.status = R.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        return _promote_first(circle)


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
            _after_commit_mail("promotion", registration)
        elif status == R.CONFIRMED and previous == R.CANCELLED:
            # Back in: the same mail as a new sign-up, with the sessions and a fresh cancel link.
            _after_commit_mail("confirmation", registration)
    return None


def registration_cancel_token(registration: Registration) -> str:
    return signing.dumps(str(registration.code), salt=CANCEL_SALT, compress=True)


class CancelLinkInvalid(Exception):
    pass


class CancelLinkExpired(Exception):
    pass


def registration_from_cancel_token(token: str, *, today: datetime.date) -> Registration:
    """The sign-up a cancel link stands for; refuses tampered links and those of ended circles."""
    try:
        code = signing.loads(token, salt=CANCEL_SALT, max_age=CANCEL_MAX_AGE)
    except signing.SignatureExpired:
        raise CancelLinkExpired from None
    except signing.BadSignature:
        raise CancelLinkInvalid from None
    registration = Registration.objects.select_related("circle").filter(code=code).first()
    if registration is None or registration.anonymised_at is not None:
        raise CancelLinkInvalid
    if registration.circle.end_date < today:
        raise CancelLinkExpired
    return registration


def registrations_notify_session_change(
    *, session: Session, old: dict[str, datetime.date | datetime.time | str]
) -> None:
    """Tell the participants of a published circle that a session's date, time or place changed.

    `old` holds the previous values of the changed fields (date, start_time, end_time,
    location). Call it after the transaction commits; each participant's mail is its own task.
    """
    from circles.tasks import registration_send_session_change

    if not old or not session.circle.is_announced:
        return
    serialised = {key: value if isinstance(value, str) else value.isoformat() for key, value in old.items()}
    session_pk = session.pk
    pks = list(session.circle.registrations.filter(status=R.CONFIRMED).values_list("pk", flat=True))

    def queue() -> None:
        for pk in pks:
            registration_send_session_change.delay(pk, session_pk, serialised)

    transaction.on_commit(queue)


# E-mails -------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _mail_context(registration: Registration) -> dict[str, Any]:
    circle = registration.circle
    return {
        "registration": registration,
        "circle": circle,
        "sessions": list(circle.sessions.select_related("circle").order_by("date", "start_time", "pk")),
        "position": registration_waitlist_position(registration),
        "cancel_url": _absolute(reverse("circles:cancel", args=[registration_cancel_token(registration)])),
        "circle_url": _absolute(reverse("circles:public_detail", args=[circle.code])),
        "privacy_url": _absolute(reverse("circles:privacy")),
    }


def _ics(sessions: list[Session], registration: Registration) -> Attachment:
    """The sessions as an .ics attachment, written in the participant's language like the mail."""
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        body = calendar_for_sessions(sessions=sessions, name=registration.circle.name)
    return Attachment("leerkring.ics", body, "text/calendar")


MAIL_KINDS = ("confirmation", "waitlist", "promotion", "duplicate")


def registration_mail(*, registration_id: int, kind: str) -> None:
    """Send one of the sign-up e-mails (MAIL_KINDS); the sessions come along as .ics when booked."""
    if kind not in MAIL_KINDS:
        raise ValueError(kind)
    registration = Registration.objects.select_related("circle__project_leader").filter(pk=registration_id).first()
    if registration is None or registration.anonymised_at is not None:
        return
    context = _mail_context(registration)
    booked = registration.status == R.CONFIRMED and kind != "waitlist"
    attachments = [_ics(context["sessions"], registration)] if booked else []
    emails.send(
        name=f"signup-{kind}",
        to=registration.email,
        context=context,
        language=registration.language,
        reply_to=registration.circle.project_leader.email,
        attachments=attachments,
    )


def registration_mail_session_change(*, registration_id: int, session_id: int, old: dict[str, str]) -> None:
    registration = Registration.objects.select_related("circle__project_leader").filter(pk=registration_id).first()
    session = Session.objects.select_related("circle").filter(pk=session_id).first()
    if registration is None or session is None or registration.status != R.CONFIRMED:
        return
    parsed = {
        "date": datetime.date.fromisoformat(old["date"]) if "date" in old else session.date,
        "start_time": datetime.time.fromisoformat(old["start_time"]) if "start_time" in old else session.start_time,
        "end_time": datetime.time.fromisoformat(old["end_time"]) if "end_time" in old else session.end_time,
        "location": old.get("location", session.location),
    }
    context = {**_mail_context(registration), "session": session, "old": parsed, "changed": sorted(old)}
    emails.send(
        name="session-change",
        to=registration.email,
        context=context,
        language=registration.language,
        reply_to=registration.circle.project_leader.email,
        attachments=[_ics([session], registration)],
    )


# Reminders -----------------------------------------------------------------------------------

REMIND_DAYS_AHEAD = 2


def sessions_due_for_reminder(*, now: datetime.datetime) -> list[Session]:
    """Sessions of running circles that start within the next two days and have not begun."""
    today = timezone.localdate(now)
    candidates = Session.objects.filter(
        circle__status__in=Circle.ANNOUNCED_STATUSES,
        date__gte=today,
        date__lte=today + datetime.timedelta(days=REMIND_DAYS_AHEAD),
    ).select_related("circle")
    return [session for session in candidates.order_by("date", "start_time", "pk") if session.starts_at > now]


def _reminder_claim_and_send(*, session: Session, registration: Registration) -> bool:
    """Claim by inserting the SessionReminder row, then send, in one transaction.

    A second run (even a concurrent one) fails on the unique constraint and sends nothing.
    A failed send rolls the claim back so the next run tries again, except when the mail
    server refuses the address: that is permanent, so the claim stays (no new attempt every
    quarter of an hour), a warning names the sign-up, and the others still get theirs.
    """
    try:
        with transaction.atomic():
            SessionReminder.objects.create(session=session, registration=registration)
            context = {**_mail_context(registration), "session": session}
            try:
                emails.send(
                    name="session-reminder",
                    to=registration.email,
                    context=context,
                    language=registration.language,
                    reply_to=registration.circle.project_leader.email,
                    attachments=[_ics([session], registration)],
                )
            except SMTPRecipientsRefused:
                logger.warning(
                    "Reminder for session %s refused by the mail server for registration %s",
                    session.pk,
                    registration.pk,
                )
                return False
    except IntegrityError:
        return False
    return True


def registrations_remind(*, now: datetime.datetime) -> int:
    """Send the reminders that are due; returns how many were sent by this run."""
    sent = 0
    for session in sessions_due_for_reminder(now=now):
        due = (
            session.circle.registrations.filter(status=R.CONFIRMED, anonymised_at__isnull=True)
            .exclude(reminders__session=session)
            .select_related("circle__project_leader")
        )
        for registration in due:
            sent += _reminder_claim_and_send(session=session, registration=registration)
    return sent


def registrations_anonymise_expired(*, today: datetime.date) -> int:
    """Wipe the names of circles that ended more than a year ago, as the privacy page promises.

    Every app's personal-data handler (leerkring/core/privacy.py) wipes its part: sign-ups lose
    name, e-mail address, phone and learning question; walk-in guests and action owners lose
    their name; PDFs that list names are deleted. Organisation, team and function stay:
    attendance figures in reports count them. Safe to run again. Returns how many sign-ups
    were wiped by this run.
    """
    try:
        cutoff = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - 1, day=28)
    expired = Circle.objects.filter(end_date__lt=cutoff)
    wiped = privacy.anonymise_circles(expired, placeholder=_("Verwijderd"))
    return wiped[Registration._meta.label]


def registrations_anonymise(circles: QuerySet[Circle], placeholder: str) -> int:
    """The privacy handler of sign-ups: wipe the personal fields of these circles' sign-ups."""
    expired = Registration.objects.filter(circle__in=circles, anonymised_at__isnull=True)
    count = 0
    for registration in expired.only("pk", "code"):
        Registration.objects.filter(pk=registration.pk).update(
            first_name=placeholder,
            last_name="",
            email=f"{registration.code}@anoniem.invalid",
            phone="",
            learning_question="",
            anonymised_at=timezone.now(),
            updated_at=timezone.now(),
        )
        count += 1
    return count

"""What each e-mail of circles says: built by the outbox when it delivers the mail.

Services queue a mail with `outbox.mail_queue(...)` inside their transaction; the builders here
read the sign-up (and session) fresh at delivery, and take from the row's `data` the facts that
must stay as they were promised: the place on the waiting list, a session's old date and place.
Registered with leerkring/core/outbox.py in CirclesConfig.ready().
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from circles.calendar import calendar_for_sessions
from circles.models import Circle, Registration, Session, local_today
from leerkring.core.emails import Attachment
from leerkring.core.models import OutgoingMail
from leerkring.core.outbox import Letter, MailKind

R = Registration.Status

SIGNUP_CONFIRMATION = "signup-confirmation"
SIGNUP_WAITLIST = "signup-waitlist"
SIGNUP_PROMOTION = "signup-promotion"
SIGNUP_DUPLICATE = "signup-duplicate"
SESSION_CHANGE = "session-change"
SESSION_REMINDER = "session-reminder"
FACILITATOR_ASSIGNED = "facilitator-assigned"
FACILITATOR_SESSION_CHANGE = "facilitator-session-change"
FACILITATOR_CANCEL = "facilitator-cancel"
SIGNUP_CANCELLED = "signup-cancelled"
MINE_LINK = "mine-link"


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _registration(mail: OutgoingMail) -> Registration | None:
    """The sign-up the mail is about; None when it is gone or anonymised (the mail no longer applies)."""
    registration = Registration.objects.select_related("circle__project_leader").filter(pk=mail.about_id).first()
    if registration is None or registration.anonymised_at is not None:
        return None
    return registration


def mine_url(registration: Registration) -> str:
    """The participant's personal page (Mijn aanmelding), as every mail to them links it."""
    from circles.services.registrations import registration_cancel_token

    return _absolute(reverse("circles:mine", args=[registration_cancel_token(registration)]))


def mail_context(registration: Registration, *, position: int | None = None) -> dict[str, Any]:
    """What every circles mail shows: the sign-up, its circle and sessions, and the links."""
    # The services queue these mails (and import this module): read them when a mail is built.
    from circles.services.registrations import registration_cancel_token, registration_waitlist_position

    circle = registration.circle
    return {
        "registration": registration,
        "circle": circle,
        "sessions": list(circle.sessions.select_related("circle").order_by("date", "start_time", "pk")),
        "position": position if position is not None else registration_waitlist_position(registration),
        "cancel_url": _absolute(reverse("circles:cancel", args=[registration_cancel_token(registration)])),
        "mine_url": mine_url(registration),
        "circle_url": _absolute(reverse("circles:public_detail", args=[circle.code])),
        "privacy_url": _absolute(reverse("circles:privacy")),
    }


def _ics(sessions: list[Session], registration: Registration) -> list[Attachment]:
    """The sessions still to come as an .ics attachment (none when none are left); the outbox
    builds in the participant's language already."""
    upcoming = [session for session in sessions if session.date >= local_today()]
    if not upcoming:
        return []
    calendar = calendar_for_sessions(sessions=upcoming, name=registration.circle.name)
    return [Attachment("leerkring.ics", calendar, "text/calendar")]


def signup_letter(mail: OutgoingMail) -> Letter | None:
    """Confirmation, waiting list, promotion, duplicate; the sessions come along as .ics while booked."""
    registration = _registration(mail)
    if registration is None:
        return None
    context = mail_context(registration, position=mail.data.get("position"))
    booked = registration.status == R.CONFIRMED and mail.name != SIGNUP_WAITLIST
    return Letter(context, _ics(context["sessions"], registration) if booked else [])


def _session(mail: OutgoingMail) -> Session | None:
    return Session.objects.select_related("circle").filter(pk=mail.data.get("session")).first()


def session_change_letter(mail: OutgoingMail) -> Letter | None:
    """The session as it was (from the row: what changed, and its old values) and as it is now."""
    registration, session = _registration(mail), _session(mail)
    if registration is None or session is None or registration.status != R.CONFIRMED:
        return None
    old: dict[str, str] = mail.data["old"]
    was = {
        "date": datetime.date.fromisoformat(old["date"]) if "date" in old else session.date,
        "start_time": datetime.time.fromisoformat(old["start_time"]) if "start_time" in old else session.start_time,
        "end_time": datetime.time.fromisoformat(old["end_time"]) if "end_time" in old else session.end_time,
        "location": old.get("location", session.location),
    }
    context = {**mail_context(registration), "session": session, "old": was, "changed": sorted(old)}
    return Letter(context, _ics([session], registration))


def session_reminder_letter(mail: OutgoingMail) -> Letter | None:
    registration, session = _registration(mail), _session(mail)
    if registration is None or session is None or registration.status != R.CONFIRMED:
        return None
    return Letter({**mail_context(registration), "session": session}, _ics([session], registration))


def cancelled_letter(mail: OutgoingMail) -> Letter | None:
    """The confirmation that the participant cancelled; nothing when they were put back meanwhile."""
    registration = _registration(mail)
    if registration is None or registration.status != R.CANCELLED:
        return None
    return Letter(mail_context(registration), [])


def mine_link_letter(mail: OutgoingMail) -> Letter | None:
    """The personal link again, asked for on the site; no calendar file."""
    registration = _registration(mail)
    if registration is None:
        return None
    return Letter(mail_context(registration), [])


def _facts_session(facts: dict[str, Any]) -> Session:
    """A session as the mail's row recorded it: it may have moved again, or be gone, by delivery."""
    circle = Circle(name=facts["circle"], location=facts["location"])
    return Session(
        code=facts["code"],
        circle=circle,
        number=facts["number"],
        date=datetime.date.fromisoformat(facts["date"]),
        start_time=datetime.time.fromisoformat(facts["start_time"]),
        end_time=datetime.time.fromisoformat(facts["end_time"]),
        location=facts["location"],
    )


def facilitator_letter(mail: OutgoingMail) -> Letter | None:
    """Assigned, moved, taken off or cancelled: the sessions as the row states them, with a calendar update."""
    user = User.objects.filter(pk=mail.about_id, is_active=True).first()
    if user is None:
        return None
    sessions = [_facts_session(facts) for facts in mail.data["sessions"]]
    first = mail.data["sessions"][0]
    old = {key: mail.data.get("old", {}).get(key, first[key]) for key in ("date", "start_time", "end_time", "location")}
    was = {
        "date": datetime.date.fromisoformat(old["date"]),
        "start_time": datetime.time.fromisoformat(old["start_time"]),
        "end_time": datetime.time.fromisoformat(old["end_time"]),
        "location": old["location"],
    }
    method = "CANCEL" if mail.name == FACILITATOR_CANCEL else "REQUEST"
    body = calendar_for_sessions(
        sessions=sessions, name=first["circle"], method=method, sequence=mail.data["sequence"], attendee=user.email
    )
    context = {
        "person": user,
        "circle_name": first["circle"],
        "circle": sessions[0].circle,
        "sessions": sessions,
        "session": sessions[0],
        "old": was,
        "reason": mail.data.get("reason", ""),
        "circle_url": _absolute(reverse("circles:detail", args=[first["circle_code"]])),
        "privacy_url": _absolute(reverse("circles:privacy")),
    }
    return Letter(context, [Attachment("leerkring.ics", body, f"text/calendar; method={method}")])


KINDS = (
    MailKind(SIGNUP_CONFIRMATION, _("bevestiging van de aanmelding"), signup_letter),
    MailKind(SIGNUP_WAITLIST, _("plaats op de wachtlijst"), signup_letter),
    MailKind(SIGNUP_PROMOTION, _("plaats gekregen van de wachtlijst"), signup_letter),
    MailKind(SIGNUP_DUPLICATE, _("al aangemeld"), signup_letter),
    MailKind(SESSION_CHANGE, _("gewijzigde bijeenkomst"), session_change_letter),
    MailKind(SESSION_REMINDER, _("herinnering aan een bijeenkomst"), session_reminder_letter),
    MailKind(FACILITATOR_ASSIGNED, _("ingepland als begeleider"), facilitator_letter),
    MailKind(FACILITATOR_SESSION_CHANGE, _("bijeenkomst van de begeleider gewijzigd"), facilitator_letter),
    MailKind(FACILITATOR_CANCEL, _("begeleiding vervalt"), facilitator_letter),
    MailKind(SIGNUP_CANCELLED, _("bevestiging van de afmelding"), cancelled_letter),
    MailKind(MINE_LINK, _("link naar Mijn aanmelding opnieuw gestuurd"), mine_link_letter),
)

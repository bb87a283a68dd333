"""iCalendar (.ics) for sessions: the circle feed, a facilitator's feed, e-mail attachments.

Every text property goes through `single_line`: a name, place or theme stored with a line break
or a control character (before forms refused them, or by a crafted request) would otherwise make
icalendar refuse the whole calendar. One session that still cannot be written is left out and
logged, so it never takes the other sessions' calendar (or a participant's mail) with it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vText

from circles.models import Session
from leerkring.core.headers import single_line

logger = logging.getLogger(__name__)


def _event_name(session: Session) -> str:
    # The msgid the session cards use, so the name is translated wherever those are.
    number = gettext("bijeenkomst %(number)s") % {"number": session.number}
    return single_line(f"{session.circle.name} – {number}")


def _event(session: Session, stamp: object, *, method: str = "", sequence: int = 0, attendee: str = "") -> Event:
    event = Event()
    event.add("uid", f"{session.code}@leerkring")
    event.add("dtstamp", stamp)
    if not method:
        # A published calendar or a participant's attachment: the session's own version.
        event.add("sequence", session.sequence)
    if session.updated_at is not None:  # a session rebuilt from a mail's facts has none
        event.add("last-modified", session.updated_at)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", _event_name(session))
    if session.location:
        event.add("location", single_line(session.location))
    if session.theme:
        event.add("description", single_line(session.theme))
    if method:
        # An invitation update or cancellation: calendars match it to the earlier one by UID and SEQUENCE.
        event.add("sequence", sequence)
        event.add("organizer", f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
        if attendee:
            event.add("attendee", f"mailto:{single_line(attendee)}")
        event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event.to_ical()  # written now, so a session that cannot be is left out here, not in the whole calendar
    return event


def calendar_for_sessions(
    *, sessions: Iterable[Session], name: str, method: str = "", sequence: int = 0, attendee: str = ""
) -> bytes:
    """One VEVENT per session, named in the active language; sessions must come with `circle` selected.

    `method` "REQUEST" or "CANCEL" makes it an invitation (update) or its cancellation for `attendee`.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Werkplaats Sociaal Domein//Leerkring//NL")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", vText(single_line(name)))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for session in sessions:
        try:
            calendar.add_component(_event(session, stamp, method=method, sequence=sequence, attendee=attendee))
        except Exception:  # one session's bad data never costs the others their calendar
            logger.exception("Session %s left out of the calendar %r", session.pk, single_line(name))
    calendar.add_missing_timezones()
    return calendar.to_ical()

"""iCalendar (.ics) for sessions: the circle feed, a facilitator's feed, e-mail attachments."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

from circles.models import Session


def _event_name(session: Session) -> str:
    # The msgid the session cards use, so the name is translated wherever those are.
    number = gettext("bijeenkomst %(number)s") % {"number": session.number}
    return f"{session.circle.name} – {number}"


def calendar_for_sessions(*, sessions: Iterable[Session], name: str) -> bytes:
    """One VEVENT per session, named in the active language; sessions must come with `circle` selected."""
    calendar = Calendar()
    calendar.add("prodid", "-//Werkplaats Sociaal Domein//Leerkring//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for session in sessions:
        event = Event()
        event.add("uid", f"{session.code}@leerkring")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", _event_name(session))
        if session.location:
            event.add("location", session.location)
        if session.theme:
            event.add("description", session.theme)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

"""The publishing rules of a circle and its sessions, in one place.

Every rule answers "what is wrong?" as `Problem(field, message)` pairs: `field` is the form field
the message belongs next to, `message` the one wording of the rule. A session-level message
takes its subject ("Deze bijeenkomst" in the session form and on the session card,
"Bijeenkomst 2 (3 maart 2027)" in the checklist); the rest of the sentence is the same.

The checklist "Klaar om te publiceren", the session cards, SessionForm and CircleForm (while the
circle is open) and publishing (`circle_change_status`) all ask this module; none restates a rule.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

import holidays
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from circles.models import Circle, Session
from circles.services.sessions import Booking, bookings_overlapping_circle

MIN_SESSIONS = 4
MIN_FACILITATORS = 2
MIN_DURATION = datetime.timedelta(hours=2, minutes=30)
MAX_DURATION = datetime.timedelta(hours=4)


class Problem(NamedTuple):
    """What stands in the way of publishing, and the form field it belongs next to."""

    field: str
    message: str


@dataclass(frozen=True)
class Check:
    """One rule of the checklist: met, or the problems that stand in the way."""

    rule: str
    problems: list[Problem] = field(default_factory=list)
    # A rule about every session while there are none yet: not met, but nothing to fix in it.
    pending: bool = False

    @property
    def met(self) -> bool:
        return not self.problems and not self.pending


def _day(date: datetime.date) -> str:
    return date_format(date, "j F Y")


def _time(value: datetime.time) -> str:
    return value.strftime("%H:%M")


def this_session() -> str:
    """The subject of a session-level message in the session form and on the session card."""
    return _("Deze bijeenkomst")


def session_label(session: Session) -> str:
    """The subject of a session-level message in the checklist: 'Bijeenkomst 2 (3 maart 2027)'."""
    return _("Bijeenkomst %(number)d (%(date)s)") % {"number": session.number, "date": _day(session.date)}


def _lower_first(subject: str) -> str:
    return subject[:1].lower() + subject[1:]


def duration_label(duration: datetime.timedelta) -> str:
    """'2 uur', '4,5 uur', '2 uur en 20 minuten'."""
    minutes = int(duration.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return ngettext("%(h)d uur", "%(h)d uur", hours) % {"h": hours}
    if rest == 30:
        return _("%(h)d,5 uur") % {"h": hours}
    return _("%(h)d uur en %(m)d minuten") % {"h": hours, "m": rest}


# One rule each ----------------------------------------------------------------------------------


def building_blocks_problem(has_building_blocks: bool) -> Problem | None:
    if has_building_blocks:
        return None
    return Problem("building_blocks", _("Kies minimaal één bouwsteen voor de leerkring."))


def team_problem(kind: str, team: str) -> Problem | None:
    if kind != Circle.Kind.OP_MAAT or team.strip():
        return None
    return Problem("team", _("Vul bij een leerkring op maat het team in waarvoor hij is."))


def session_count_problem(count: int) -> Problem | None:
    if count >= MIN_SESSIONS:
        return None
    message = ngettext(
        "Er is %(n)d bijeenkomst gepland; een leerkring heeft er minimaal vier.",
        "Er zijn %(n)d bijeenkomsten gepland; een leerkring heeft er minimaal vier.",
        count,
    ) % {"n": count}
    return Problem("__all__", message)


def duration_problem(subject: str, duration: datetime.timedelta) -> Problem | None:
    if MIN_DURATION <= duration <= MAX_DURATION:
        return None
    message = _("%(session)s duurt %(duration)s; een bijeenkomst duurt 2,5 tot 4 uur.") % {
        "session": subject,
        "duration": duration_label(duration),
    }
    return Problem("end_time", message)


def facilitators_problem(subject: str, count: int) -> Problem | None:
    if count >= MIN_FACILITATORS:
        return None
    message = ngettext(
        "%(session)s heeft %(n)d begeleider; er zijn er minimaal twee nodig.",
        "%(session)s heeft %(n)d begeleiders; er zijn er minimaal twee nodig.",
        count,
    ) % {"session": subject, "n": count}
    return Problem("facilitators", message)


def period_problem(
    subject: str, date: datetime.date, start: datetime.date, end: datetime.date, *, field: str = "date"
) -> Problem | None:
    """`field`: the session form puts it next to the date, the circle form next to the moved boundary."""
    if start <= date <= end:
        return None
    message = _("%(session)s valt buiten de periode van de leerkring (%(start)s tot en met %(end)s).") % {
        "session": subject,
        "start": _day(start),
        "end": _day(end),
    }
    return Problem(field, message)


def overlap_problem(subject: str, other: Session) -> Problem:
    message = _("%(session)s overlapt met bijeenkomst %(number)d (%(start)s–%(end)s).") % {
        "session": subject,
        "number": other.number,
        "start": _time(other.start_time),
        "end": _time(other.end_time),
    }
    return Problem("start_time", message)


def booking_problem(subject: str, booking: Booking) -> Problem:
    other = booking.session
    message = _(
        "Tijdens %(session)s begeleidt %(person)s al bijeenkomst %(number)d van „%(circle)s” (%(date)s, "
        "%(start)s–%(end)s). Kies een andere tijd of een andere begeleider."
    ) % {
        "session": _lower_first(subject),
        "person": booking.user.get_full_name() or booking.user.get_username(),
        "number": other.number,
        "circle": other.circle.name,
        "date": _day(other.date),
        "start": _time(other.start_time),
        "end": _time(other.end_time),
    }
    return Problem("facilitators", message)


def holiday_name(date: datetime.date) -> str | None:
    """The Dutch public holiday on `date`, named in the current language ('Koningsdag', "King's Day")."""
    language = "en_US" if (get_language() or "nl").startswith("en") else "nl"
    return _holidays(date.year, language).get(date)


@functools.lru_cache(maxsize=64)
def _holidays(year: int, language: str) -> holidays.HolidayBase:
    """A year's holidays in one language: computed once per process, not once per session card."""
    return holidays.country_holidays("NL", years=year, language=language)


def holiday_problem(subject: str, date: datetime.date) -> Problem | None:
    """A warning, never a refusal: some circles do meet on a holiday, but most plan it by mistake."""
    name = holiday_name(date)
    if name is None:
        return None
    message = _("%(session)s valt op %(holiday)s (%(date)s), een feestdag. Klopt die datum?") % {
        "session": subject,
        "holiday": name,
        "date": _day(date),
    }
    return Problem("date", message)


def _overlaps(first: Session, second: Session) -> bool:
    return first.date == second.date and first.start_time < second.end_time and second.start_time < first.end_time


def _present(problems: Iterable[Problem | None]) -> list[Problem]:
    return [problem for problem in problems if problem is not None]


# What the pages ask ------------------------------------------------------------------------------


def session_problems(
    session: Session, *, subject: str, facilitator_count: int, others: Sequence[Session] = ()
) -> list[Problem]:
    """A session's own rules: duration, facilitators, period, and overlap with `others` of its circle.

    `session` carries the date and times to check (the form sets them on its instance first).
    """
    circle = session.circle
    found = _present(
        [
            duration_problem(subject, session.duration),
            facilitators_problem(subject, facilitator_count),
            period_problem(subject, session.date, circle.start_date, circle.end_date),
        ]
    )
    found += [
        overlap_problem(subject, other) for other in others if other.pk != session.pk and _overlaps(session, other)
    ]
    return found


def session_card_problems(session: Session) -> list[Problem]:
    """The warnings on a session card: its own rules, facilitators prefetched."""
    return session_problems(session, subject=this_session(), facilitator_count=len(session.facilitators.all()))


def session_warnings(session: Session, *, subject: str | None = None) -> list[Problem]:
    """What the project leader should look at again but may keep: a session on a public holiday."""
    return _present([holiday_problem(subject or this_session(), session.date)])


def circle_period_problems(circle: Circle, start: datetime.date, end: datetime.date) -> list[Problem]:
    """Sessions a changed period would leave outside it, next to the boundary that moved past them."""
    problems = []
    for session in circle.sessions.exclude(date__range=(start, end)).order_by("date", "start_time", "pk"):
        boundary = "start_date" if session.date < start else "end_date"
        problems.append(period_problem(session_label(session), session.date, start, end, field=boundary))
    return _present(problems)


def _per_session(rule: str, sessions: list[Session], problems: Iterable[Problem | None]) -> Check:
    return Check(rule, _present(problems), pending=not sessions)


def circle_readiness(circle: Circle) -> list[Check]:
    """Every rule for publishing, met or not, in the order the checklist shows them.

    Prefetch `sessions__facilitators` and `building_blocks` to keep this to one extra query.
    """
    sessions = sorted(circle.sessions.all(), key=lambda s: (s.date, s.start_time, s.pk))
    label = {session.pk: session_label(session) for session in sessions}
    has_blocks = bool(circle.building_blocks.all())
    content = [Check(_("Minimaal één bouwsteen gekozen"), _present([building_blocks_problem(has_blocks)]))]
    if circle.kind == Circle.Kind.OP_MAAT:
        content.append(Check(_("Team ingevuld"), _present([team_problem(circle.kind, circle.team)])))
    return [
        *content,
        Check(_("Minimaal vier bijeenkomsten"), _present([session_count_problem(len(sessions))])),
        _per_session(
            _("Elke bijeenkomst duurt 2,5 tot 4 uur"),
            sessions,
            (duration_problem(label[s.pk], s.duration) for s in sessions),
        ),
        _per_session(
            _("Elke bijeenkomst heeft minimaal twee begeleiders"),
            sessions,
            (facilitators_problem(label[s.pk], len(s.facilitators.all())) for s in sessions),
        ),
        _per_session(
            _("Alle bijeenkomsten vallen binnen de periode van de leerkring"),
            sessions,
            (period_problem(label[s.pk], s.date, circle.start_date, circle.end_date) for s in sessions),
        ),
        Check(
            _("De bijeenkomsten overlappen elkaar niet"),
            [overlap_problem(label[a.pk], b) for a, b in combinations(sessions, 2) if _overlaps(a, b)],
        ),
        Check(
            _("Geen begeleider is dubbel geboekt"),
            [
                booking_problem(label[session.pk], booking)
                for session, booking in bookings_overlapping_circle(circle=circle, sessions=sessions)
            ],
        ),
    ]


def circle_problems(circle: Circle) -> list[Problem]:
    """What keeps the circle from being published; empty when it may be."""
    return [problem for check in circle_readiness(circle) for problem in check.problems]


def session_may_delete(*, session: Session) -> bool:
    """An open circle keeps at least MIN_SESSIONS sessions; a concept may lose any."""
    if session.circle.is_concept:
        return True
    return session.circle.sessions.count() > MIN_SESSIONS


def session_saved_message(session: Session, *, added: bool) -> str:
    """The message after adding or changing a session; it names the rules the session breaks."""
    if added:
        text = _("Bijeenkomst %(number)d is toegevoegd.") % {"number": session.number}
    else:
        text = _("Bijeenkomst %(number)d is gewijzigd.") % {"number": session.number}
    problems = session_card_problems(session)
    warnings = [problem.message for problem in session_warnings(session)]
    if problems:
        return " ".join(
            [text, *(problem.message for problem in problems), _("Pas dit aan voordat u publiceert."), *warnings]
        )
    return " ".join([text, *warnings])

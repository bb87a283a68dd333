"""Planning a circle: the checklist "Klaar om te publiceren" and the status lifecycle."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from circles.models import Circle, CircleStatusChange, Session
from circles.services.registrations import circle_fill_free_places
from sessions.services.planning import bookings_overlapping_circle

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MIN_SESSIONS = 4
MIN_FACILITATORS = 2
MIN_DURATION = datetime.timedelta(hours=2, minutes=30)
MAX_DURATION = datetime.timedelta(hours=4)

S = Circle.Status
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.CONCEPT: (S.PUBLISHED, S.CANCELLED),
    S.PUBLISHED: (S.CLOSED, S.CANCELLED),
    S.CLOSED: (S.PUBLISHED, S.COMPLETED, S.CANCELLED),
    S.COMPLETED: (),
    S.CANCELLED: (),
}
EDITABLE_STATUSES = (S.CONCEPT, S.PUBLISHED, S.CLOSED)


@dataclass(frozen=True)
class Check:
    """One rule of the checklist: met, or the problems that stand in the way."""

    rule: str
    problems: list[str] = field(default_factory=list)
    # A rule about every session while there are none yet: not met, but nothing to fix in it.
    pending: bool = False

    @property
    def met(self) -> bool:
        return not self.problems and not self.pending


class StatusChangeRefused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


class NotReadyToPublish(StatusChangeRefused):
    """Publishing refused because rules of the checklist are not met (`problems`)."""


def circle_is_editable(circle: Circle) -> bool:
    return circle.status in EDITABLE_STATUSES


def circle_next_statuses(circle: Circle) -> tuple[str, ...]:
    return TRANSITIONS[circle.status]


def _day(date: datetime.date) -> str:
    return date_format(date, "j F Y")


def _session_label(session: Session) -> str:
    return _("Bijeenkomst %(number)d (%(date)s)") % {"number": session.number, "date": _day(session.date)}


def duration_label(duration: datetime.timedelta) -> str:
    """'2 uur', '4,5 uur', '2 uur en 20 minuten'."""
    minutes = int(duration.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return ngettext("%(h)d uur", "%(h)d uur", hours) % {"h": hours}
    if rest == 30:
        return _("%(h)d,5 uur") % {"h": hours}
    return _("%(h)d uur en %(m)d minuten") % {"h": hours, "m": rest}


def _count_check(sessions: list[Session]) -> Check:
    rule = _("Minimaal vier bijeenkomsten")
    if len(sessions) >= MIN_SESSIONS:
        return Check(rule)
    problem = ngettext(
        "Er is %(n)d bijeenkomst gepland; een leerkring heeft er minimaal vier.",
        "Er zijn %(n)d bijeenkomsten gepland; een leerkring heeft er minimaal vier.",
        len(sessions),
    ) % {"n": len(sessions)}
    return Check(rule, [problem])


def _duration_breaks_rule(session: Session) -> bool:
    return not MIN_DURATION <= session.duration <= MAX_DURATION


def _facilitator_count(session: Session) -> int:
    return len(session.facilitators.all())


def _outside_period(circle: Circle, session: Session) -> bool:
    return not circle.start_date <= session.date <= circle.end_date


def _duration_check(sessions: list[Session]) -> Check:
    problems = [
        _("%(session)s duurt %(duration)s; een bijeenkomst duurt 2,5 tot 4 uur.")
        % {"session": _session_label(session), "duration": duration_label(session.duration)}
        for session in sessions
        if _duration_breaks_rule(session)
    ]
    return Check(_("Elke bijeenkomst duurt 2,5 tot 4 uur"), problems, pending=not sessions)


def _facilitator_check(sessions: list[Session]) -> Check:
    problems = []
    for session in sessions:
        count = _facilitator_count(session)
        if count < MIN_FACILITATORS:
            problem = ngettext(
                "%(session)s heeft %(n)d begeleider; er zijn er minimaal twee nodig.",
                "%(session)s heeft %(n)d begeleiders; er zijn er minimaal twee nodig.",
                count,
            ) % {"session": _session_label(session), "n": count}
            problems.append(problem)
    return Check(_("Elke bijeenkomst heeft minimaal twee begeleiders"), problems, pending=not sessions)


def _period_check(circle: Circle, sessions: list[Session]) -> Check:
    problems = [
        _("%(session)s valt buiten de periode van de leerkring (%(start)s tot en met %(end)s).")
        % {"session": _session_label(session), "start": _day(circle.start_date), "end": _day(circle.end_date)}
        for session in sessions
        if _outside_period(circle, session)
    ]
    return Check(_("Alle bijeenkomsten vallen binnen de periode van de leerkring"), problems, pending=not sessions)


def session_rule_breaks(session: Session) -> list[str]:
    """What keeps this one session from publishing, as short phrases: ["duurt 2 uur", "heeft 1 begeleider"].

    The same rules as the checklist; the circle page marks the session with them and the
    message after saving a session names them.
    """
    phrases = []
    if _duration_breaks_rule(session):
        phrases.append(_("duurt %(duration)s") % {"duration": duration_label(session.duration)})
    count = _facilitator_count(session)
    if count < MIN_FACILITATORS:
        phrases.append(ngettext("heeft %(n)d begeleider", "heeft %(n)d begeleiders", count) % {"n": count})
    if _outside_period(session.circle, session):
        phrases.append(_("valt buiten de periode van de leerkring"))
    return phrases


def session_rule_summary(session: Session) -> str:
    """ "duurt 2 uur en heeft 1 begeleider"; empty when the session meets every rule."""
    phrases = session_rule_breaks(session)
    if len(phrases) < 2:
        return "".join(phrases)
    return _("%(first)s en %(last)s") % {"first": ", ".join(phrases[:-1]), "last": phrases[-1]}


def session_saved_message(session: Session, *, added: bool) -> str:
    """The message after adding or changing a session; it names the rules the session breaks."""
    number = session.number
    summary = session_rule_summary(session)
    if not summary:
        if added:
            return _("Bijeenkomst %(number)d is toegevoegd.") % {"number": number}
        return _("Bijeenkomst %(number)d is gewijzigd.") % {"number": number}
    if added:
        text = _("Bijeenkomst %(number)d is toegevoegd, maar %(summary)s. Pas dit aan voordat u publiceert.")
    else:
        text = _("Bijeenkomst %(number)d is gewijzigd, maar %(summary)s. Pas dit aan voordat u publiceert.")
    return text % {"number": number, "summary": summary}


def _overlap_check(sessions: list[Session]) -> Check:
    problems = [
        _("Bijeenkomst %(a)d en bijeenkomst %(b)d overlappen elkaar op %(date)s.")
        % {"a": first.number, "b": second.number, "date": _day(first.date)}
        for first, second in combinations(sessions, 2)
        if first.date == second.date and first.start_time < second.end_time and second.start_time < first.end_time
    ]
    return Check(_("De bijeenkomsten overlappen elkaar niet"), problems)


def _booking_check(circle: Circle, sessions: list[Session]) -> Check:
    problems = [
        _(
            "%(person)s is tijdens bijeenkomst %(own)d ook geboekt voor bijeenkomst %(number)d van „%(circle)s”"
            " op %(date)s (%(start)s–%(end)s)."
        )
        % {
            "person": booking.user.get_full_name() or booking.user.get_username(),
            "own": session.number,
            "date": _day(session.date),
            "number": booking.session.number,
            "circle": booking.session.circle.name,
            "start": booking.session.start_time.strftime("%H:%M"),
            "end": booking.session.end_time.strftime("%H:%M"),
        }
        for session, booking in bookings_overlapping_circle(circle=circle, sessions=sessions)
    ]
    return Check(_("Geen begeleider is dubbel geboekt"), problems)


def _content_checks(circle: Circle) -> list[Check]:
    checks = [
        Check(
            _("Minimaal één bouwsteen gekozen"),
            [] if circle.building_blocks.all() else [_("Kies minimaal één bouwsteen voor de leerkring.")],
        )
    ]
    if circle.kind == Circle.Kind.OP_MAAT:
        missing = [] if circle.team.strip() else [_("Vul bij een leerkring op maat het team in waarvoor hij is.")]
        checks.append(Check(_("Team ingevuld"), missing))
    return checks


def circle_readiness(circle: Circle) -> list[Check]:
    """Every rule for publishing, met or not, in the order the checklist shows them.

    Prefetch `sessions__facilitators` and `building_blocks` to keep this to one extra query.
    """
    sessions = sorted(circle.sessions.all(), key=lambda s: (s.date, s.start_time, s.pk))
    return [
        *_content_checks(circle),
        _count_check(sessions),
        _duration_check(sessions),
        _facilitator_check(sessions),
        _period_check(circle, sessions),
        _overlap_check(sessions),
        _booking_check(circle, sessions),
    ]


def circle_readiness_problems(circle: Circle) -> list[str]:
    return [problem for check in circle_readiness(circle) for problem in check.problems]


def circle_change_status(*, circle: Circle, to_status: str, by: User) -> CircleStatusChange:
    """Move the circle to `to_status`, recorded with who and when; refused with the reasons why."""
    with transaction.atomic():
        locked = Circle.objects.select_for_update().get(pk=circle.pk)
        if to_status not in TRANSITIONS[locked.status]:
            raise StatusChangeRefused(
                [
                    _("Een leerkring met de status „%(from)s” kan niet naar „%(to)s”.")
                    % {"from": locked.get_status_display(), "to": _status_label(to_status)}
                ]
            )
        if to_status == S.PUBLISHED:
            fresh = Circle.objects.prefetch_related("building_blocks", "sessions__facilitators").get(pk=circle.pk)
            problems = circle_readiness_problems(fresh)
            if problems:
                raise NotReadyToPublish(problems)
        change = CircleStatusChange.objects.create(
            circle=locked, from_status=locked.status, to_status=to_status, changed_by=by
        )
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
        # A concept promotes nobody: places freed while planning go to the waiting list now.
        circle_fill_free_places(circle=locked)
    circle.status = to_status
    return change


def _status_label(status: str) -> str:
    return str(dict(Circle.Status.choices).get(status, status))


STATUS_ACTIONS: dict[tuple[str, str], StrOrPromise] = {
    (S.CONCEPT, S.PUBLISHED): gettext_lazy("Publiceren"),
    (S.CLOSED, S.PUBLISHED): gettext_lazy("Aanmelding heropenen"),
    (S.PUBLISHED, S.CLOSED): gettext_lazy("Aanmelding sluiten"),
    (S.CLOSED, S.COMPLETED): gettext_lazy("Afronden"),
}


def status_action_label(from_status: str, to_status: str) -> str:
    if to_status == S.CANCELLED:
        return str(gettext_lazy("Leerkring annuleren"))
    return str(STATUS_ACTIONS[(from_status, to_status)])

"""Who may read and change a session's attendance and verslag. Views fetch sessions through here.

Editors are the session's facilitators, the circle's project leader and superusers. A facilitator
counts as one only while in group begeleider, so revoking the role revokes the access. Project
leaders and staff read every verslag; anyone else (other facilitators too) gets 404, and a
reader who tries to change something gets 403.

Once established, a verslag's publication level widens who reads it (the kennisbank asks
`outcomes_readable_by`): "intern" adds the facilitators of the circle's other sessions,
"Werkplaats" every user with a role, "openbaar" also anonymous visitors, in the public part
of the kennisbank only, which shows no personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from circles.access import circle_signups_for_user
from circles.models import Circle, Session
from leerkring.core import figures, roles
from sessions.models import Action, Outcome, PolicySignal


@dataclass(frozen=True)
class OutcomeRights:
    """What one user may do with the verslagen of one circle, decided once for a whole page.

    Per session only the facilitators differ; they are read from `session.facilitators.all()`,
    so prefetch them and a list of sessions costs no query per row.
    """

    user_pk: int | None
    leads: bool
    reads_all: bool
    facilitates: bool

    def guides(self, session: Session) -> bool:
        return self.facilitates and any(item.pk == self.user_pk for item in session.facilitators.all())

    def may_edit(self, session: Session) -> bool:
        return self.leads or self.guides(session)

    def may_read(self, session: Session) -> bool:
        return self.reads_all or self.may_edit(session)


def outcome_rights(user: User | AnonymousUser, circle: Circle) -> OutcomeRights:
    return OutcomeRights(
        user_pk=user.pk if user.is_authenticated else None,
        leads=leads_circle(user, circle),
        reads_all=roles.sees_all_circles(user),
        facilitates=roles.is_begeleider(user),
    )


def guides_session(user: User | AnonymousUser, session: Session) -> bool:
    """Uses the prefetched facilitators when there are any, so lists stay at a fixed query count."""
    return outcome_rights(user, session.circle).guides(session)


def leads_circle(user: User | AnonymousUser, circle: Circle) -> bool:
    return user.is_authenticated and (user.is_superuser or circle.project_leader_id == user.pk)


def may_edit_outcome(user: User | AnonymousUser, session: Session) -> bool:
    return outcome_rights(user, session.circle).may_edit(session)


def may_read_outcome(user: User | AnonymousUser, session: Session) -> bool:
    return outcome_rights(user, session.circle).may_read(session)


def may_reopen_outcome(user: User | AnonymousUser, session: Session) -> bool:
    return leads_circle(user, session.circle)


def may_set_publication(user: User | AnonymousUser, session: Session) -> bool:
    """The publication level of an established verslag is the project leader's to change."""
    return leads_circle(user, session.circle)


def may_use_kennisbank(user: User | AnonymousUser) -> bool:
    """The kennisbank inside the app is for every role; anonymous visitors have its public part."""
    return user.is_authenticated and (user.is_superuser or bool(roles.user_roles(user)))


def kennisbank_readers(user: User | AnonymousUser) -> str:
    """Who reads the same verslagen as `user` (outcomes_readable_by): anonymous visitors, all who
    see every circle, or this one person. The kennisbank keeps its figures per such group."""
    if not user.is_authenticated:
        return "openbaar"
    return figures.scope_of(user) or f"gebruiker-{user.pk}"


def outcomes_readable_by(user: User | AnonymousUser) -> QuerySet[Outcome]:
    """The established verslagen `user` finds in the kennisbank, by publication level."""
    established = Outcome.objects.filter(status=Outcome.Status.ESTABLISHED)
    if not user.is_authenticated:
        return established.filter(publication=Outcome.Publication.PUBLIC)
    if roles.sees_all_circles(user):
        return established
    if not may_use_kennisbank(user):
        return established.none()
    circle_people = Q(session__circle__project_leader=user)
    if roles.is_begeleider(user):
        guided = Session.objects.filter(circle_id=OuterRef("session__circle_id"), facilitators=user)
        circle_people |= Q(Exists(guided))
    wide = Q(publication__in=[Outcome.Publication.WERKPLAATS, Outcome.Publication.PUBLIC])
    return established.filter(wide | circle_people)


def public_outcomes() -> QuerySet[Outcome]:
    """What the public part of the kennisbank shows: established and "openbaar"."""
    return outcomes_readable_by(AnonymousUser())


def may_edit_own_sessions(user: User | AnonymousUser) -> bool:
    """ "Mijn bijeenkomsten" lists only sessions the user guides as begeleider: each may be edited."""
    return roles.is_begeleider(user)


@dataclass(frozen=True)
class SessionAccess:
    """A session fetched for a user, with what they may do with its attendance and verslag."""

    session: Session
    may_edit: bool
    may_reopen: bool


def session_for_user(
    user: User | AnonymousUser, code: UUID, *, change: bool = False, reopen: bool = False
) -> SessionAccess:
    """The one question a view asks: 404 for who may not read the verslag, 403 for a reader who
    wants to change it (`change`) or a non-leader who wants to reopen it (`reopen`)."""
    try:
        session = Session.objects.select_related("circle__project_leader").get(code=code)
    except Session.DoesNotExist:
        raise Http404 from None
    rights = outcome_rights(user, session.circle)
    if not rights.may_read(session) and not _published_to(user, session):
        raise Http404
    found = SessionAccess(session=session, may_edit=rights.may_edit(session), may_reopen=rights.leads)
    if (change and not found.may_edit) or (reopen and not found.may_reopen):
        raise PermissionDenied
    return found


def session_presence_for_user(user: User | AnonymousUser, code: UUID) -> Session:
    """A session whose presence list (registration numbers) the user may download: the same people
    who read all sign-up data (project leaders and staff); 404 for outsiders, 403 for facilitators."""
    try:
        session = Session.objects.select_related("circle").get(code=code)
    except Session.DoesNotExist:
        raise Http404 from None
    circle_signups_for_user(user, session.circle.code)
    return session


def may_download_presence(user: User | AnonymousUser) -> bool:
    return roles.sees_all_circles(user)


def _published_to(user: User | AnonymousUser, session: Session) -> bool:
    """An established verslag its publication level lets this logged-in user read (the page has
    personal data, so anonymous visitors read "openbaar" ones in the public kennisbank instead)."""
    return user.is_authenticated and outcomes_readable_by(user).filter(session=session).exists()


def require(allowed: bool) -> None:
    """How services check: one line, raising PermissionDenied (views have asked first; this guards
    callers that are not views, such as tasks or the shell)."""
    if not allowed:
        raise PermissionDenied


# Signals for policy: the session's editors mark items of its verslag; project leaders and staff
# follow every signal across circles and record the municipality's reply.


def may_mark_signals(user: User | AnonymousUser, session: Session) -> bool:
    return may_edit_outcome(user, session)


def may_follow_signals(user: User | AnonymousUser) -> bool:
    return roles.sees_all_circles(user)


def require_signals_overview(user: User | AnonymousUser) -> None:
    """Facilitators see the signals of their own verslag only; the overview of all is 403 for them."""
    if not may_follow_signals(user):
        raise PermissionDenied


def signals_visible_to(user: User | AnonymousUser) -> QuerySet[PolicySignal]:
    if not may_follow_signals(user):
        return PolicySignal.objects.none()
    return PolicySignal.objects.all()


def signal_for_user(user: User | AnonymousUser, code: UUID) -> PolicySignal:
    require_signals_overview(user)
    try:
        return signals_visible_to(user).select_related("outcome__session__circle").get(code=code)
    except PolicySignal.DoesNotExist:
        raise Http404 from None


def actions_visible_to(user: User | AnonymousUser) -> QuerySet[Action]:
    """The actions of every verslag the user may read: all for project leaders and staff; else those
    of circles they lead and of sessions they guide (the same rule as OutcomeRights.may_read)."""
    actions = Action.objects.all()
    if not user.is_authenticated:
        return actions.none()
    if user.is_superuser or roles.sees_all_circles(user):
        return actions
    readable = Q(circle__project_leader=user)
    if roles.is_begeleider(user):
        readable |= Q(Exists(Session.objects.filter(pk=OuterRef("session_id"), facilitators=user)))
    return actions.filter(readable)


def may_see_actions_board(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(roles.user_roles(user)))

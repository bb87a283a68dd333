"""Who may request, open and download reports. Views fetch every report through here.

Project leaders and staff (medewerkers werkplaats) request reports and open all of them;
they may see personal data, so their reports name participants and action owners. A
facilitator may open the session summaries without personal data of the circles they guide,
but not circle reports. Outsiders get 404, as for the circle itself.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from circles.access import circle_for_user, circle_signups_for_user, circles_visible_to, may_change_circles
from circles.models import Circle, Session
from leerkring.core import roles
from reports.models import PeriodReport, Report
from sessions.access import public_outcomes


def may_request_reports(user: User | AnonymousUser) -> bool:
    return roles.sees_all_circles(user)


def may_see_personal_data(user: User | AnonymousUser) -> bool:
    return roles.sees_all_circles(user)


def may_open_report(user: User | AnonymousUser, report: Report) -> bool:
    """Assumes the user may see the report's circle (checked by circle_for_user)."""
    if roles.sees_all_circles(user):
        return True
    return report.kind == Report.Kind.SESSION_SUMMARY and not report.include_personal_data


def reports_visible_to(user: User | AnonymousUser) -> QuerySet[Report]:
    """The reports a user's lists show: not the PDFs of openbaar verslagen, which nobody asked for
    by name (the public kennisbank makes them) and anyone may download."""
    reports = Report.objects.filter(circle__in=circles_visible_to(user)).exclude(kind=Report.Kind.PUBLIC_SUMMARY)
    if roles.sees_all_circles(user):
        return reports
    return reports.filter(Q(kind=Report.Kind.SESSION_SUMMARY) & Q(include_personal_data=False))


def public_summary_session(code: UUID) -> Session:
    """The session of an openbaar verslag, for anyone: 404 for every other verslag, as for an unknown code."""
    outcome = public_outcomes().select_related("session__circle").filter(session__code=code).first()
    if outcome is None:
        raise Http404
    return outcome.session


def report_for_user(user: User | AnonymousUser, code: UUID) -> Report:
    try:
        report = Report.objects.select_related("circle", "session", "requested_by").get(code=code)
    except Report.DoesNotExist:
        raise Http404 from None
    circle_for_user(user, report.circle.code)
    if not may_open_report(user, report):
        raise PermissionDenied
    return report


def require_reports_index(user: User | AnonymousUser) -> None:
    """The list of all reports is for those who request them."""
    if not may_request_reports(user):
        raise PermissionDenied


def circle_to_report(user: User | AnonymousUser, code: UUID) -> Circle:
    """A circle the user may request a report of: 404 for outsiders, 403 for who may only read it."""
    circle = circle_for_user(user, code)
    require_reports_index(user)
    return circle


def session_to_summarise(user: User | AnonymousUser, code: UUID) -> Session:
    """A session the user may request a summary of, with its circle and verslag: 404 for outsiders, 403 for readers."""
    try:
        session = Session.objects.select_related("circle", "outcome").get(code=code)
    except Session.DoesNotExist:
        raise Http404 from None
    circle_to_report(user, session.circle.code)
    return session


def circle_certificates_for_user(user: User | AnonymousUser, code: UUID, *, change: bool = False) -> Circle:
    """A circle whose certificates page (names, attendance) the user may open: those who read the
    sign-ups (project leader, staff); only a project leader issues and revokes (403 for staff)."""
    circle = circle_signups_for_user(user, code)
    if change and not may_change_circles(user):
        raise PermissionDenied
    return circle


def may_change_certificates(user: User | AnonymousUser) -> bool:
    return may_change_circles(user)


def may_request_period_reports(user: User | AnonymousUser) -> bool:
    """Period reports read across all circles: for project leaders and staff."""
    return roles.sees_all_circles(user)


def period_report_for_user(user: User | AnonymousUser, code: UUID) -> PeriodReport:
    """404 for whoever may not make period reports, as for an unknown code."""
    if not may_request_period_reports(user):
        raise Http404
    try:
        return PeriodReport.objects.select_related("requested_by").get(code=code)
    except PeriodReport.DoesNotExist:
        raise Http404 from None


def require_period_reports(user: User | AnonymousUser) -> None:
    if not may_request_period_reports(user):
        raise PermissionDenied

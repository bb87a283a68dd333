"""Sessions as facilitators and project leaders plan and find them."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from circles.access import circle_for_user, circles_visible_to, may_change_circles
from circles.models import Circle, Session
from circles.services.planning import circle_is_editable, session_saved_message
from circles.views.planning import render_circle_page
from leerkring.core import roles
from leerkring.core.http import AuthenticatedHttpRequest
from sessions.calendar import calendar_for_sessions
from sessions.forms.planning import SessionForm
from sessions.models import CalendarToken
from sessions.services.planning import (
    calendar_token_for,
    calendar_token_renew,
    session_delete,
    session_may_delete,
    session_save,
    sessions_guided_by,
)

PAST_PAGE_SIZE = 20


def _session_to_change(request: HttpRequest, code: UUID) -> Session:
    """404 when the user cannot see the session's circle, 403 when they may only read it."""
    session = get_object_or_404(
        Session.objects.select_related("circle"), code=code, circle__in=circles_visible_to(request.user)
    )
    if not may_change_circles(request.user):
        raise PermissionDenied
    return session


def _refuse_closed(request: HttpRequest, circle: Circle) -> HttpResponse | None:
    if circle_is_editable(circle):
        return None
    messages.error(request, _("Een afgeronde of geannuleerde leerkring kan niet meer worden gewijzigd."))
    return redirect("circles:detail", code=circle.code)


def _guided_sessions(user: User) -> QuerySet[Session]:
    """A facilitator's sessions, only while they hold the role: revoking it empties the list and the feed."""
    if not roles.is_begeleider(user):
        return Session.objects.none()
    return Session.objects.filter(sessions_guided_by(user))


def _back_to(circle: Circle, session: Session) -> HttpResponse:
    return redirect(f"{reverse('circles:detail', kwargs={'code': circle.code})}#bijeenkomst-{session.code}")


@login_required
@require_POST
def session_create(request: AuthenticatedHttpRequest, circle: UUID) -> HttpResponse:
    found = circle_for_user(request.user, circle, change=True)
    if refused := _refuse_closed(request, found):
        return refused
    form = SessionForm(request.POST, circle=found)
    if not form.is_valid():
        return render_circle_page(request, found, session_form=form)
    session = session_save(
        session=form.instance,
        facilitators=form.cleaned_data["facilitators"],
        building_blocks=form.cleaned_data["building_blocks"],
    )
    messages.success(request, session_saved_message(session, added=True))
    return _back_to(found, session)


@login_required
def session_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The circle page with this session's row open for editing."""
    session = _session_to_change(request, code)
    if refused := _refuse_closed(request, session.circle):
        return refused
    form = SessionForm(request.POST or None, instance=session, circle=session.circle)
    if request.method == "POST" and form.is_valid():
        session = session_save(
            session=form.instance,
            facilitators=form.cleaned_data["facilitators"],
            building_blocks=form.cleaned_data["building_blocks"],
        )
        messages.success(request, session_saved_message(session, added=False))
        return _back_to(session.circle, session)
    return render_circle_page(request, session.circle, session_form=form, editing=session)


@login_required
def session_delete_view(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    session = _session_to_change(request, code)
    circle = session.circle
    if refused := _refuse_closed(request, circle):
        return refused
    if not session_may_delete(session=session):
        messages.error(
            request, _("Een gepubliceerde leerkring houdt minimaal vier bijeenkomsten; voeg eerst een andere toe.")
        )
        return redirect("circles:detail", code=circle.code)
    if request.method == "POST":
        number = session.number
        session_delete(session=session)
        messages.success(request, _("Bijeenkomst %(number)d is verwijderd.") % {"number": number})
        return redirect("circles:detail", code=circle.code)
    return render(request, "sessions/confirm_delete.html", {"session": session, "circle": circle})


@login_required
def my_sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    guided = _guided_sessions(request.user).select_related("circle", "outcome").prefetch_related("facilitators")
    upcoming = guided.filter(date__gte=today).order_by("date", "start_time")
    past = Paginator(guided.filter(date__lt=today).order_by("-date", "-start_time"), PAST_PAGE_SIZE)
    token = calendar_token_for(user=request.user) if upcoming or past.count else None
    feed_url = request.build_absolute_uri(reverse("sessions:feed", args=[token.token])) if token else ""
    context = {
        "upcoming": upcoming,
        "past": past.get_page(request.GET.get("pagina")),
        "feed_url": feed_url,
    }
    return render(request, "sessions/mine.html", context)


def facilitator_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A facilitator's private calendar: the unguessable token is the only key."""
    found = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None or not roles.is_begeleider(found.user):
        raise Http404
    sessions = _guided_sessions(found.user).select_related("circle").order_by("date", "start_time")
    name = _("Leerkring – bijeenkomsten van %(name)s") % {"name": found.user.get_full_name()}
    response = HttpResponse(calendar_for_sessions(sessions=sessions, name=name), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="mijn-bijeenkomsten.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def feed_renew(request: AuthenticatedHttpRequest) -> HttpResponse:
    calendar_token_renew(user=request.user)
    messages.success(request, _("Er is een nieuwe agendalink gemaakt; de oude werkt niet meer."))
    return redirect("sessions:mine")

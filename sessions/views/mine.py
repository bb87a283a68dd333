"""A facilitator's own sessions ("Mijn bijeenkomsten") and their private calendar feed."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from circles.calendar import calendar_for_sessions
from leerkring.core import roles
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.core.paging import slice_page
from sessions import access
from sessions.models import CalendarToken
from sessions.selectors import my_session_rows, open_actions, sessions_guided_by
from sessions.services.calendar_tokens import calendar_token_for, calendar_token_renew

PAST_PAGE_SIZE = 20
# The coming weeks first; a busy facilitator pages on instead of getting every session ahead at once.
UPCOMING_PAGE_SIZE = 10
OWN_ACTIONS = 10


@login_required
def my_sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every row is a session the user guides as begeleider, so each may be edited and read: decided once."""
    today = timezone.localdate()
    guided = sessions_guided_by(request.user).select_related("circle", "outcome").prefetch_related("facilitators")
    # Pages that do not count: a busy facilitator's sessions would be counted twice on every view.
    upcoming = guided.filter(date__gte=today).order_by("date", "start_time", "pk")
    past = guided.filter(date__lt=today).order_by("-date", "-start_time", "-pk")
    upcoming_page = slice_page(upcoming, UPCOMING_PAGE_SIZE, request.GET.get("komend"))
    past_page = slice_page(past, PAST_PAGE_SIZE, request.GET.get("pagina"))
    guides_any = bool(upcoming_page.object_list or past_page.object_list) or (
        upcoming_page.number > 1 or past_page.number > 1
    )
    token = calendar_token_for(user=request.user) if guides_any else None
    feed_url = request.build_absolute_uri(reverse("sessions:feed", args=[token.token])) if token else ""
    may_edit = access.may_edit_own_sessions(request.user)
    context = {
        "upcoming": upcoming_page,
        "past": past_page,
        "upcoming_rows": my_session_rows(upcoming_page, request.user, may_edit=may_edit),
        "past_rows": my_session_rows(past_page, request.user, may_edit=may_edit),
        # Each pager keeps the other's place.
        "upcoming_query": urlencode({"pagina": past_page.number}) if past_page.number > 1 else "",
        "past_query": urlencode({"komend": upcoming_page.number}) if upcoming_page.number > 1 else "",
        "feed_url": feed_url,
        "today": today,
        **_own_actions(request.user),
    }
    return render(request, "sessions/mine.html", context)


def _own_actions(user: User) -> dict[str, object]:
    """The first open actions the facilitator owns (an action's owner is a name), in one query:
    one row more than shown tells whether the board holds more."""
    name = user.get_full_name().strip()
    if not name or not roles.is_begeleider(user):
        return {"own_actions": [], "more_own_actions": False, "owner_name": name}
    owned = list(open_actions(access.actions_visible_to(user).filter(owner_name__iexact=name))[: OWN_ACTIONS + 1])
    return {"own_actions": owned[:OWN_ACTIONS], "more_own_actions": len(owned) > OWN_ACTIONS, "owner_name": name}


def facilitator_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A facilitator's private calendar: the unguessable token is the only key."""
    found = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None or not roles.is_begeleider(found.user):
        raise Http404
    sessions = sessions_guided_by(found.user).select_related("circle").order_by("date", "start_time")
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

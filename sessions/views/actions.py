"""The actions board: every open action the user may read, across sessions and circles."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from leerkring.core.http import AuthenticatedHttpRequest
from sessions import access
from sessions.selectors import open_actions

PAGE_SIZE = 25
BY_OWNER = "eigenaar"


@login_required
@require_GET
def action_board(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.may_see_actions_board(request.user):
        raise PermissionDenied
    owner = request.GET.get("eigenaar", "").strip()[:200]
    by_owner = request.GET.get("ordenen") == BY_OWNER
    actions = access.actions_visible_to(request.user)
    if owner:
        actions = actions.filter(owner_name__icontains=owner)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "page": Paginator(open_actions(actions, by_owner=by_owner), PAGE_SIZE).get_page(request.GET.get("pagina")),
        "owner": owner,
        "by_owner": by_owner,
        "query": query.urlencode(),
        "today": timezone.localdate(),
    }
    return render(request, "sessions/actions.html", context)

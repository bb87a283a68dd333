"""The kennisbank: search for every role, and its public part for anonymous visitors."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from leerkring.core import roles
from leerkring.core.http import AuthenticatedHttpRequest
from sessions import access
from sessions.kennisbank.forms import SearchForm
from sessions.kennisbank.public import public_outcome_context
from sessions.kennisbank.selectors import kennisbank_page, kennisbank_results, snippet

PAGE_SIZE = 20


def _search_context(request: HttpRequest, reader: User | AnonymousUser) -> dict[str, Any]:
    """The search as `reader` may see it: the public part searches as an anonymous visitor."""
    form = SearchForm(request.GET)
    filters = form.filters()
    outcomes = access.outcomes_readable_by(reader)
    keys, facets, current = kennisbank_results(reader, filters)
    page = Paginator(keys, PAGE_SIZE).get_page(request.GET.get("pagina"))
    shown = kennisbank_page(list(page.object_list), filters, readable=None if current else outcomes)
    return {
        "form": form,
        "filters": filters,
        "page": page,
        "hits": [(outcome, snippet(outcome, filters)) for outcome in shown],
        "facets": facets,
        "query": filters.params(),
        "filtered": filters.params(query=""),
    }


@login_required
@require_GET
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.may_use_kennisbank(request.user):
        raise PermissionDenied
    context = _search_context(request, request.user)
    # Requesting a summary PDF is the reports app's rule (reports.access.may_request_reports).
    context["may_request_pdf"] = roles.sees_all_circles(request.user)
    return render(request, "sessions/kennisbank/search.html", context)


@require_GET
def public_search(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "sessions/kennisbank/public_search.html",
        _search_context(request, AnonymousUser()),
    )


@require_GET
def public_outcome(request: HttpRequest, code: UUID) -> HttpResponse:
    outcome = (
        access.public_outcomes()
        .select_related("session__circle", "established_at_session")
        .filter(session__code=code)
        .first()
    )
    if outcome is None:
        raise Http404
    return render(request, "sessions/kennisbank/public_outcome.html", public_outcome_context(outcome))

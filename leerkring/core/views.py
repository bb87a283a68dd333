"""The privacy pages of staf: the data-access log, and a person's data (find, export, erase)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from leerkring.core.access import require_privacy
from leerkring.core.forms import DataAccessFilter
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.core.models import DataAccess

LOG_PAGE_SIZE = 50


@login_required
def data_access_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_privacy(request.user)
    form = DataAccessFilter(request.GET or None)
    rows = DataAccess.objects.order_by("-at", "-pk")
    if form.is_valid():
        if form.cleaned_data["gebruiker"] is not None:
            rows = rows.filter(user=form.cleaned_data["gebruiker"])
        if form.cleaned_data["soort"]:
            rows = rows.filter(kind=form.cleaned_data["soort"])
    page = Paginator(rows, LOG_PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "filtered": bool(request.GET)}
    return render(request, "core/data_access_log.html", context)

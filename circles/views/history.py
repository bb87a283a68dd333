"""A circle's history ("Geschiedenis"): who changed what and when, its sessions and sign-ups included."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from circles.access import circle_history_for_user
from leerkring.core import audit
from leerkring.core.http import AuthenticatedHttpRequest

PAGE_SIZE = 25


@login_required
def circle_history(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    circle = circle_history_for_user(request.user, code)
    page = Paginator(audit.entries_for_circle(circle.pk), PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [
        {
            "entry": entry,
            "action": audit.action_label(entry),
            "object": audit.object_label(entry),
            "changes": audit.field_changes(entry),
        }
        for entry in page
    ]
    return render(request, "circles/history.html", {"circle": circle, "page": page, "rows": rows})

"""Where a user lands after logging in: the page their role works from."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from leerkring.core.roles import is_begeleider, sees_all_circles


@login_required
def start(request: HttpRequest) -> HttpResponseRedirect:
    """LOGIN_REDIRECT_URL; the login form still follows `next` when one is given."""
    if sees_all_circles(request.user):
        return redirect("circles:list")
    if is_begeleider(request.user):
        return redirect("sessions:mine")
    return redirect("circles:home")

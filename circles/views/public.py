"""Public pages: the catalogue of open circles and signing up (no account needed)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from circles import ratelimit
from circles.forms.signup import CatalogueFilter, SignupForm
from circles.models import Circle, Organisation
from circles.selectors import public_circles
from circles.services.registrations import (
    CancelLinkExpired,
    CancelLinkInvalid,
    SignupRefused,
    registration_cancel,
    registration_create,
    registration_from_cancel_token,
    registration_waitlist_position,
)
from leerkring.core.names import people_sorted

if TYPE_CHECKING:
    from circles.selectors import PublicCircle

PAGE_SIZE = 12


def home(request: HttpRequest) -> HttpResponse:
    queryset = public_circles(open_for_signup=True)
    catalogue = CatalogueFilter(request.GET or None, queryset=queryset)
    page = Paginator(catalogue.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    filtered = any(request.GET.get(name) for name in catalogue.filters)
    context = {"filter": catalogue, "page": page, "query": query.urlencode(), "filtered": filtered}
    return render(request, "circles/home.html", context)


def _public_circle(code: UUID) -> PublicCircle:
    queryset = public_circles(with_facilitators=True).select_related("project_leader")
    return get_object_or_404(queryset, code=code)


def _detail_context(circle: PublicCircle) -> dict[str, object]:
    sessions = list(circle.sessions.all())
    people = {user.pk: user for session in sessions for user in session.facilitators.all()}
    facilitators = people_sorted(people.values())
    audience = [Organisation(value).label if value in Organisation.values else value for value in circle.audience]
    today = timezone.localdate()
    remaining = [session for session in sessions if session.date >= today]
    return {
        "started": bool(sessions) and sessions[0].date < today,
        "remaining": remaining,
        "circle": circle,
        "sessions": sessions,
        "facilitators": facilitators,
        "audience": audience,
        "open_for_signup": circle.is_open_for_signup,
        "full": circle.places_left == 0,
        "next_waitlist_position": circle.waitlist_count + 1,
    }


@require_http_methods(["GET", "POST"])
def public_detail(request: HttpRequest, code: UUID) -> HttpResponse:
    circle = _public_circle(code)
    context = _detail_context(circle)
    form = SignupForm()
    if request.method == "POST" and context["open_for_signup"]:
        if ratelimit.signup_limit_reached(request):
            return render(request, "circles/too_many.html", {"circle": circle}, status=429)
        form = SignupForm(request.POST)
        if form.is_valid():
            ratelimit.signup_count(request)
            try:
                registration_create(circle=circle, fields=form.registration_fields(), language=request.LANGUAGE_CODE)
            except SignupRefused as refused:
                form.add_error(None, str(refused))
            else:
                return redirect("circles:signup_done", code=circle.code)
    return render(request, "circles/public_detail.html", {**context, "form": form})


def signup_done(request: HttpRequest, code: UUID) -> HttpResponse:
    circle = get_object_or_404(Circle.objects.filter(status__in=Circle.ANNOUNCED_STATUSES), code=code)
    return render(request, "circles/public_done.html", {"circle": circle})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "circles/privacy.html")


@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    """The signed link from the e-mails; GET asks, POST cancels (mail scanners only GET)."""
    try:
        registration = registration_from_cancel_token(token, today=timezone.localdate())
    except CancelLinkExpired:
        return render(request, "circles/public_cancel_invalid.html", {"expired": True}, status=410)
    except CancelLinkInvalid:
        return render(request, "circles/public_cancel_invalid.html", {"expired": False}, status=400)
    if request.method == "POST":
        registration_cancel(registration=registration)
        return redirect(request.path)
    context = {
        "registration": registration,
        "circle": registration.circle,
        "position": registration_waitlist_position(registration),
    }
    return render(request, "circles/public_cancel.html", context)

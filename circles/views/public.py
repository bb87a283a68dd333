"""Public pages: the catalogue of open circles and signing up (no account needed)."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from circles import ratelimit
from circles.calendar import calendar_for_sessions
from circles.forms.signup import CatalogueFilter, LostLinkForm, MyDetailsForm, SignupForm
from circles.models import Circle, Organisation, Registration, local_today
from circles.selectors import public_circles, session_facilitators
from circles.services.registrations import (
    CancelLinkExpired,
    CancelLinkInvalid,
    SignupRefused,
    registration_cancel,
    registration_cancel_token,
    registration_create_public,
    registration_from_cancel_token,
    registration_links_resend,
    registration_update_details,
    registration_waitlist_position,
)
from leerkring.core import panels
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
    context = {
        "filter": catalogue,
        "page": page,
        "query": query.urlencode(),
        "filtered": filtered,
        "panels": panels.collect("catalogue", request.user, None),
    }
    return render(request, "circles/home.html", context)


def _public_circle(code: UUID) -> PublicCircle:
    return get_object_or_404(public_circles().select_related("project_leader"), code=code)


def _detail_context(circle: PublicCircle) -> dict[str, object]:
    sessions = list(circle.sessions.all())
    facilitators = people_sorted(session_facilitators(circle))
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
    """The circle's public page; a POST handles the form first and builds the page only to show it."""
    form = SignupForm()
    if request.method == "POST":
        if ratelimit.signup_limit_reached(request):
            circle = get_object_or_404(Circle.objects.filter(status__in=Circle.ANNOUNCED_STATUSES), code=code)
            return render(request, "circles/too_many.html", {"circle": circle}, status=429)
        form = SignupForm(request.POST)
        if form.is_valid():
            ratelimit.signup_count(request)
            try:
                result = registration_create_public(
                    code=code, fields=form.registration_fields(), language=request.LANGUAGE_CODE
                )
            except Circle.DoesNotExist:
                raise Http404 from None
            except SignupRefused as refused:
                form.add_error(None, str(refused))
            else:
                response = redirect("circles:signup_done", code=code)
                # This browser's own outcome for the next page: a signed cookie costs no query.
                outcome = json.dumps({"status": result.status, "position": result.position})
                response.set_signed_cookie(
                    _outcome_key(code),
                    outcome,
                    salt=OUTCOME_SALT,
                    max_age=OUTCOME_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=request.is_secure(),
                )
                return response
    context = _detail_context(_public_circle(code))
    return render(request, "circles/public_detail.html", {**context, "form": form})


OUTCOME_SALT = "circles.signup-outcome"
OUTCOME_SECONDS = 30 * 60


def _outcome_key(code: UUID) -> str:
    return f"signup-outcome-{code}"


def signup_done(request: HttpRequest, code: UUID) -> HttpResponse:
    """What happens next. The outcome comes from this browser's own sign-up (a signed cookie), so a
    link to this page shows nobody else's; without one the page explains in general terms."""
    circle = get_object_or_404(Circle.objects.filter(status__in=Circle.ANNOUNCED_STATUSES), code=code)
    signed = request.get_signed_cookie(
        _outcome_key(circle.code), default="", salt=OUTCOME_SALT, max_age=OUTCOME_SECONDS
    )
    outcome = json.loads(signed) if signed else {}
    context = {
        "circle": circle,
        "has_place": outcome.get("status") == Registration.Status.CONFIRMED,
        "on_waitlist": outcome.get("status") == Registration.Status.WAITLIST,
        "position": outcome.get("position"),
        "first_session": circle.sessions.order_by("date", "start_time").first(),
    }
    return render(request, "circles/public_done.html", context)


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "circles/privacy.html", {"retention_months": settings.RETENTION_MONTHS})


# When the statement was last checked against the site: update it with the statement's text.
ACCESSIBILITY_CHECKED = date(2026, 12, 6)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (toegankelijkheidsverklaring), after the Dutch model statement."""
    context = {
        "checked": ACCESSIBILITY_CHECKED,
        "contact_name": settings.WERKPLAATS_CONTACT_NAME,
        "contact_email": settings.WERKPLAATS_CONTACT_EMAIL,
        "site": request.build_absolute_uri("/"),
    }
    return render(request, "circles/accessibility.html", context)


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
        registration_cancel(registration=registration, confirm=True)
        return redirect(request.path)
    context = {
        "registration": registration,
        "circle": registration.circle,
        "position": registration_waitlist_position(registration),
    }
    return render(request, "circles/public_cancel.html", context)


def _registration_from_link(request: HttpRequest, token: str, *, after_end: bool = True) -> Registration | HttpResponse:
    """The sign-up of a personal link, or the page that refuses an expired or tampered one.

    Mijn aanmelding stays open after the circle has ended (the evaluation, the proof of
    participation); changing one's details (`after_end` False) does not."""
    try:
        return registration_from_cancel_token(token, today=timezone.localdate(), after_end=after_end)
    except CancelLinkExpired:
        return render(request, "circles/public_cancel_invalid.html", {"expired": True, "mine": True}, status=410)
    except CancelLinkInvalid:
        return render(request, "circles/public_cancel_invalid.html", {"expired": False, "mine": True}, status=400)


def mine(request: HttpRequest, token: str) -> HttpResponse:
    """ "Mijn aanmelding": the personal page behind the link in every mail, no account needed."""
    found = _registration_from_link(request, token)
    if isinstance(found, HttpResponse):
        return found
    circle = found.circle
    sessions = list(circle.sessions.order_by("date", "start_time", "pk"))
    today = local_today()
    context = {
        "registration": found,
        "circle": circle,
        "position": registration_waitlist_position(found),
        "sessions": sessions,
        "upcoming": [session for session in sessions if session.date >= today],
        "today": today,
        "ended": circle.end_date < today,
        "token": registration_cancel_token(found),
        "panels": panels.collect("my_registration", request.user, found),
    }
    return _personal(render(request, "circles/mine.html", context))


def _personal(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    # The link carries the token, so it goes to no other site; "no-referrer" would make the browser
    # send "Origin: null" with the cancel form, which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "POST"])
def mine_details(request: HttpRequest, token: str) -> HttpResponse:
    """The participant changes their own details behind the personal link; not once cancelled."""
    found = _registration_from_link(request, token, after_end=False)
    if isinstance(found, HttpResponse):
        return found
    if found.is_cancelled:
        return redirect("circles:mine", token=token)
    form = MyDetailsForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        changed = registration_update_details(registration=found, fields=form.registration_fields())
        messages.success(request, _("Uw gegevens zijn opgeslagen.") if changed else _("Er was niets gewijzigd."))
        return redirect("circles:mine", token=token)
    context = {"registration": found, "circle": found.circle, "form": form, "token": token}
    return _personal(render(request, "circles/mine_details.html", context))


def mine_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The sessions still to come, for a confirmed participant's own calendar."""
    found = _registration_from_link(request, token)
    if isinstance(found, HttpResponse):
        return found
    today = local_today()
    upcoming = found.circle.sessions.select_related("circle").filter(date__gte=today).order_by("date", "start_time")
    if not found.is_confirmed:
        upcoming = upcoming.none()
    response = HttpResponse(
        calendar_for_sessions(sessions=upcoming, name=found.circle.name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="leerkring.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def mine_lost(request: HttpRequest) -> HttpResponse:
    """A lost personal link is mailed again; the page says the same whether the address is known."""
    form = LostLinkForm(request.POST or None)
    if request.method == "POST":
        if ratelimit.signup_limit_reached(request):
            return render(request, "circles/mine_lost.html", {"too_many": True}, status=429)
        if form.is_valid():
            ratelimit.signup_count(request)
            registration_links_resend(email=form.cleaned_data["email"])
            return render(request, "circles/mine_lost.html", {"sent": True, "email": form.cleaned_data["email"]})
    return render(request, "circles/mine_lost.html", {"form": form})

"""Public pages: the catalogue of open circles and signing up (no account needed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, TypedDict
from uuid import UUID

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from circles import ratelimit
from circles.forms.signup import CatalogueFilter, SignupForm
from circles.models import Circle, Organisation, Registration
from circles.services.registrations import (
    CancelLinkExpired,
    CancelLinkInvalid,
    SignupRefused,
    registration_cancel,
    registration_create,
    registration_from_cancel_token,
    registration_waitlist_position,
)
from sessions.models import Session

PAGE_SIZE = 12
PUBLIC_STATUSES = (Circle.Status.PUBLISHED, Circle.Status.CLOSED)
R = Registration.Status

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class PublicCounts(TypedDict):
        confirmed_count: int
        waitlist_count: int
        places_left: int

    PublicCircle: TypeAlias = WithAnnotations[Circle, PublicCounts]


def public_circles(*, with_facilitators: bool = False) -> QuerySet[PublicCircle]:
    """Announced circles with their places left, bouwstenen and sessions in a fixed number of queries."""
    sessions = Session.objects.order_by("date", "start_time", "pk")
    if with_facilitators:
        sessions = sessions.prefetch_related("facilitators")
    confirmed = Count("registrations", filter=Q(registrations__status=R.CONFIRMED), distinct=True)
    waiting = Count("registrations", filter=Q(registrations__status=R.WAITLIST), distinct=True)
    return (
        Circle.objects.filter(status__in=PUBLIC_STATUSES)
        .annotate(confirmed_count=confirmed, waitlist_count=waiting)
        # Whoever waits gets a free place first, so a circle with a waiting list has none to offer.
        .annotate(
            places_left=Case(
                When(waitlist_count__gt=0, then=Value(0)),
                default=Greatest(F("capacity") - F("confirmed_count"), Value(0)),
            )
        )
        .prefetch_related("building_blocks", Prefetch("sessions", queryset=sessions))
        .order_by("start_date", "name", "pk")
    )


def home(request: HttpRequest) -> HttpResponse:
    queryset = public_circles().filter(pk__in=Circle.objects.open_for_signup())
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
    facilitators = sorted(people.values(), key=lambda user: (user.first_name, user.last_name))
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
    circle = get_object_or_404(Circle.objects.filter(status__in=PUBLIC_STATUSES), code=code)
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

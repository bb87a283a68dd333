"""The project leader plans circles: overview, create, change, the circle page, status, calendar."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from circles import rules
from circles.access import (
    circle_for_user,
    may_change_circles,
    may_read_circle_history,
    require_change_circles,
    require_circle_overview,
)
from circles.calendar import calendar_for_sessions
from circles.filters import CircleFilter
from circles.forms.planning import CircleCopyForm, CircleForm
from circles.forms.sessions import SessionForm
from circles.models import Circle, Organisation, Registration, Session
from circles.selectors import circle_signups_block, circles_overview
from circles.services.planning import NotReadyToPublish, StatusChangeRefused, circle_change_status, circle_copy
from circles.services.registrations import circle_fill_free_places
from leerkring.core import panels
from leerkring.core.http import AuthenticatedHttpRequest

PAGE_SIZE = 20


@login_required
def circle_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_circle_overview(request.user)
    queryset = circles_overview(request.user, today=timezone.localdate())
    circle_filter = CircleFilter(request.GET or None, queryset=queryset)
    page = Paginator(circle_filter.qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "filter": circle_filter,
        "page": page,
        "query": query.urlencode(),
        "may_change": may_change_circles(request.user),
    }
    return render(request, "circles/list.html", context)


@login_required
def circle_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_change_circles(request.user)
    form = CircleForm(request.POST or None, initial={"project_leader": request.user})
    if request.method == "POST" and form.is_valid():
        circle = form.save()
        messages.success(request, _("De leerkring is opgeslagen als concept. Plan nu de bijeenkomsten."))
        return redirect("circles:detail", code=circle.code)
    return render(request, "circles/form.html", {"form": form, "circle": None})


@login_required
def circle_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    circle = circle_for_user(request.user, code, change=True)
    if not circle.is_editable:
        messages.error(request, _("Een afgeronde of geannuleerde leerkring kan niet meer worden gewijzigd."))
        return redirect("circles:detail", code=circle.code)
    form = CircleForm(request.POST or None, instance=circle)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        # A raised capacity goes to the waiting list before the next sign-up can take it.
        promoted = circle_fill_free_places(circle=circle)
        if promoted:
            messages.info(request, _promoted_message(promoted))
        return redirect("circles:detail", code=circle.code)
    return render(request, "circles/form.html", {"form": form, "circle": circle})


@login_required
def circle_copy_view(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Copy to a new period: any circle, also a completed one, becomes a new concept."""
    circle = circle_for_user(request.user, code, change=True)
    form = CircleCopyForm(request.POST or None, circle=circle)
    if request.method == "POST" and form.is_valid():
        copy = circle_copy(
            circle=circle, name=form.cleaned_data["name"], start_date=form.cleaned_data["start_date"], by=request.user
        )
        messages.success(request, _("De kopie is opgeslagen als concept, zonder aanmeldingen. Kijk de data na."))
        return redirect("circles:detail", code=copy.code)
    return render(request, "circles/copy.html", {"form": form, "circle": circle})


def _promoted_message(promoted: list[Registration]) -> str:
    names = ", ".join(registration.full_name for registration in promoted)
    return ngettext(
        "%(names)s heeft een plaats gekregen van de wachtlijst en krijgt een e-mail.",
        "%(names)s hebben een plaats gekregen van de wachtlijst en krijgen een e-mail.",
        len(promoted),
    ) % {"names": names}


@login_required
def circle_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    circle = circle_for_user(request.user, code)
    return render_circle_page(request, circle)


def render_circle_page(
    request: HttpRequest,
    circle: Circle,
    *,
    session_form: SessionForm | None = None,
    editing: Session | None = None,
    adding: bool = False,
) -> HttpResponse:
    """The circle page; a session form with errors is shown in place, with what was typed.

    The form to add a session is open while the circle is a concept (planning is what the page is
    for then) or when asked for (`adding`); otherwise a button opens it, so that the page does not
    render some forty facilitators' checkboxes on every visit.
    Page data comes from selectors and rules here; sessions and reports add their parts as panels.
    """
    sessions = Session.objects.prefetch_related("facilitators", "building_blocks").order_by("date", "start_time", "pk")
    # The circle as the access layer found it (with its project leader): no second fetch.
    prefetch_related_objects([circle], "building_blocks", Prefetch("sessions", queryset=sessions), "project_leader")
    changer = may_change_circles(request.user)
    may_change = changer and circle.is_editable
    if may_change and session_form is None and editing is None and (circle.is_concept or adding):
        session_form = SessionForm(circle=circle)
    checks = rules.circle_readiness(circle) if circle.is_concept else []
    context = {
        "circle": circle,
        "session": None,
        "session_cards": [
            (item, rules.session_card_problems(item), rules.session_warnings(item)) for item in circle.sessions.all()
        ],
        "checks": checks,
        "ready": all(check.met for check in checks),
        "may_change": may_change,
        "may_copy": changer,
        "may_read_history": may_read_circle_history(request.user),
        "status_actions": circle.status_actions() if changer else [],
        "history": circle.status_changes.select_related("changed_by"),
        "audience_labels": [Organisation(value).label for value in circle.audience if value in Organisation.values],
        "signups": circle_signups_block(request.user, circle),
        "panels": panels.collect("circle", request.user, circle),
        "session_form": session_form,
        "editing": editing,
        "adding": adding,
    }
    return render(request, "circles/detail.html", context)


@login_required
@require_POST
def circle_status(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    circle = circle_for_user(request.user, code, change=True)
    to_status = request.POST.get("to", "")
    if to_status not in Circle.Status.values:
        messages.error(request, _("Onbekende status."))
        return redirect("circles:detail", code=circle.code)
    try:
        change = circle_change_status(circle=circle, to_status=to_status, by=request.user)
    except NotReadyToPublish as refused:
        messages.error(request, _not_ready_message(refused.problems))
        return redirect("circles:detail", code=circle.code)
    except StatusChangeRefused as refused:
        messages.error(request, str(refused))
        return redirect("circles:detail", code=circle.code)
    if change.to_status == Circle.Status.PUBLISHED:
        messages.success(request, _("De leerkring is gepubliceerd en staat nu in het aanbod."))
    else:
        messages.success(
            request, _("De status is nu „%(status)s”.") % {"status": change.get_to_status_display().lower()}
        )
    return redirect("circles:detail", code=circle.code)


def _not_ready_message(problems: list[str]) -> str:
    """One alert: a heading and the list of what to fix first."""
    items = format_html_join("", "<li>{}</li>", ((problem,) for problem in problems))
    heading = _("De leerkring is nog niet gepubliceerd. Los eerst deze punten op:")
    return format_html('{}<ul class="mb-0 mt-1">{}</ul>', heading, items)


def circle_calendar(request: HttpRequest, code: UUID) -> HttpResponse:
    """The circle's sessions as an .ics feed: public once announced, else for those who see the circle."""
    circle = Circle.objects.filter(code=code, status__in=Circle.PUBLIC_CALENDAR_STATUSES).first()
    if circle is None:
        if not request.user.is_authenticated:
            raise Http404
        circle = circle_for_user(request.user, code)
    sessions = circle.sessions.select_related("circle").order_by("date", "start_time")
    body = calendar_for_sessions(sessions=sessions, name=circle.name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slugify(circle.name) or "leerkring"}.ics"'
    return response

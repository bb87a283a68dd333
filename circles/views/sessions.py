"""The project leader plans a circle's sessions: add, change, remove (on the circle page)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from circles import rules
from circles.access import circle_for_user, session_to_change
from circles.forms.series import SeriesForm, series_check, series_formset, series_warnings
from circles.forms.sessions import SessionForm
from circles.models import Circle, Session
from circles.services import sessions as services
from circles.views.planning import render_circle_page
from leerkring.core.http import AuthenticatedHttpRequest


def _refuse_closed(request: HttpRequest, circle: Circle) -> HttpResponse | None:
    if circle.is_editable:
        return None
    messages.error(request, _("Een afgeronde of geannuleerde leerkring kan niet meer worden gewijzigd."))
    return redirect("circles:detail", code=circle.code)


def _back_to(circle: Circle, session: Session) -> HttpResponse:
    return redirect(f"{reverse('circles:detail', kwargs={'code': circle.code})}#bijeenkomst-{session.code}")


def _save(form: SessionForm) -> Session:
    return services.session_save(
        session=form.instance,
        facilitators=form.cleaned_data["facilitators"],
        building_blocks=form.cleaned_data["building_blocks"],
    )


@login_required
def session_create(request: AuthenticatedHttpRequest, circle: UUID) -> HttpResponse:
    """GET: the circle page with the form to add a session open; POST: add it."""
    found = circle_for_user(request.user, circle, change=True)
    if refused := _refuse_closed(request, found):
        return refused
    if request.method != "POST":
        return render_circle_page(request, found, adding=True)
    form = SessionForm(request.POST, circle=found)
    if not form.is_valid():
        return render_circle_page(request, found, session_form=form, adding=True)
    session = _save(form)
    messages.success(request, rules.session_saved_message(session, added=True))
    return _back_to(found, session)


@login_required
def session_series(request: AuthenticatedHttpRequest, circle: UUID) -> HttpResponse:
    """Step one proposes the dates from the series; step two ("opslaan") saves the dates as edited."""
    found = circle_for_user(request.user, circle, change=True)
    if refused := _refuse_closed(request, found):
        return refused
    series = SeriesForm(request.POST or None, circle=found)
    dates = None
    if request.method == "POST" and series.is_valid():
        saving = request.POST.get("stap") == "opslaan"
        dates = series_formset(series, request.POST if saving else None)
        if saving and series_check(series, dates):
            created = services.sessions_add_series(
                circle=found,
                dates=[form.cleaned_data["date"] for form in dates.forms],
                start_time=series.cleaned_data["start_time"],
                end_time=series.cleaned_data["end_time"],
                location=series.cleaned_data["location"],
                facilitators=series.cleaned_data["facilitators"],
            )
            messages.success(request, _series_saved_message(created))
            return redirect("circles:detail", code=found.code)
    rows = list(zip(dates.forms, series_warnings(series, dates), strict=True)) if dates is not None else []
    context = {"circle": found, "series": series, "dates": dates, "rows": rows}
    return render(request, "circles/session_series.html", context)


def _series_saved_message(created: list[Session]) -> str:
    text = ngettext("%(n)d bijeenkomst is toegevoegd.", "%(n)d bijeenkomsten zijn toegevoegd.", len(created)) % {
        "n": len(created)
    }
    warnings = [
        problem.message
        for session in created
        for problem in rules.session_warnings(session, subject=rules.session_label(session))
    ]
    return " ".join([text, *warnings])


@login_required
def session_edit(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The circle page with this session's row open for editing."""
    session = session_to_change(request.user, code)
    if refused := _refuse_closed(request, session.circle):
        return refused
    form = SessionForm(request.POST or None, instance=session, circle=session.circle)
    if request.method == "POST" and form.is_valid():
        session = _save(form)
        messages.success(request, rules.session_saved_message(session, added=False))
        return _back_to(session.circle, session)
    return render_circle_page(request, session.circle, session_form=form, editing=session)


@login_required
def session_delete(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    session = session_to_change(request.user, code)
    circle = session.circle
    if refused := _refuse_closed(request, circle):
        return refused
    if not rules.session_may_delete(session=session):
        messages.error(
            request, _("Een gepubliceerde leerkring houdt minimaal vier bijeenkomsten; voeg eerst een andere toe.")
        )
        return redirect("circles:detail", code=circle.code)
    if request.method == "POST":
        number = session.number
        services.session_delete(session=session)
        messages.success(request, _("Bijeenkomst %(number)d is verwijderd.") % {"number": number})
        return redirect("circles:detail", code=circle.code)
    return render(request, "circles/session_confirm_delete.html", {"session": session, "circle": circle})

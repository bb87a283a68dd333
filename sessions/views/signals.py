"""Signals for policy: mark items of a verslag; follow all signals across circles; export them as CSV."""

from __future__ import annotations

import csv
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from leerkring.core.http import AuthenticatedHttpRequest
from sessions import access
from sessions.forms.signals import SignalFilter, SignalMarkForm, SignalUpdateForm
from sessions.models import Outcome, PolicySignal
from sessions.services.signals import signal_items, signal_mark, signal_update

PAGE_SIZE = 25


@login_required
def outcome_signals(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The signals of one verslag, and (for its editors) the form to mark another item."""
    found = access.session_for_user(request.user, code, change=request.method == "POST")
    outcome = Outcome.objects.filter(session=found.session).first()
    form = None
    if outcome is not None and found.may_edit:
        form = SignalMarkForm(request.POST or None, items=signal_items(outcome=outcome))
        if request.method == "POST" and form.is_valid():
            signal_mark(outcome=outcome, user=request.user, item=form.chosen(), note=form.cleaned_data["note"])
            messages.success(request, _("Het punt is gemarkeerd als signaal voor beleid."))
            return redirect("sessions:outcome_signals", code=found.session.code)
    context = {
        "session": found.session,
        "outcome": outcome,
        "circle": found.session.circle,
        "signals": outcome.signals.select_related("created_by") if outcome else [],
        "form": form,
        "may_follow": access.may_follow_signals(request.user),
    }
    return render(request, "sessions/signals_outcome.html", context)


def _filtered(request: AuthenticatedHttpRequest) -> tuple[SignalFilter, QuerySet[PolicySignal]]:
    access.require_signals_overview(request.user)
    signals = access.signals_visible_to(request.user).select_related("outcome__session__circle")
    signal_filter = SignalFilter(request.GET or None, queryset=signals)
    return signal_filter, signal_filter.qs.order_by("-created_at", "-pk")


@login_required
@require_GET
def signal_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    signal_filter, signals = _filtered(request)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "filter": signal_filter,
        "page": Paginator(signals, PAGE_SIZE).get_page(request.GET.get("pagina")),
        "query": query.urlencode(),
        "periods": signal_filter.filters["periode"].extra["choices"],
        "chosen_period": request.GET.get("periode", ""),
    }
    return render(request, "sessions/signals.html", context)


@login_required
def signal_detail(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    signal = access.signal_for_user(request.user, code)
    form = SignalUpdateForm(request.POST or None, instance=signal)
    if request.method == "POST" and form.is_valid():
        signal_update(
            signal=signal, user=request.user, status=form.cleaned_data["status"], reply=form.cleaned_data["reply"]
        )
        messages.success(request, _("Het signaal is bijgewerkt."))
        return redirect("sessions:signals")
    return render(request, "sessions/signal_detail.html", {"signal": signal, "form": form})


def _cell(value: str) -> str:
    """Spreadsheets run a cell that starts with = + - or @ as a formula; a quote keeps it text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


@login_required
@require_GET
def signals_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered signals, all of them, for a spreadsheet (semicolons, as Dutch Excel expects)."""
    _filter, signals = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signalen-{timezone.localdate().isoformat()}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so Excel reads UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Leerkring"),
            _("Bijeenkomst"),
            _("Datum"),
            _("Onderdeel"),
            _("Signaal"),
            _("Toelichting"),
            _("Status"),
            _("Reactie van de gemeente"),
            _("Gemarkeerd op"),
        ]
    )
    for signal in signals.iterator(chunk_size=500):
        session = signal.outcome.session
        row = [session.circle.name, str(session.number), session.date.isoformat(), signal.source, signal.text]
        row += [signal.note, signal.get_status_display(), signal.reply]
        row += [date_format(timezone.localtime(signal.created_at), "Y-m-d")]
        writer.writerow([_cell(value) for value in row])
    return response

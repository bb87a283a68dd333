"""Attendance and the verslag of a session, and its workflow (submit, establish, reopen)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from circles.models import Registration, Session
from leerkring.core import panels
from leerkring.core.http import AuthenticatedHttpRequest
from sessions import access
from sessions.forms.attendance import AttendanceCountForm, AttendanceForm, GuestFormSet, guests_from
from sessions.forms.outcomes import EstablishForm, OutcomeEditor, PublicationForm
from sessions.models import Outcome, attendance_too_early, submitting_too_early
from sessions.selectors import attendance_by_function, attendance_sentence, outcomes_to_establish
from sessions.services import outcomes as services

MORE_BUTTONS = {
    "meer-subgroep": "subgroep",
    "meer-deelvraag": "deelvraag",
    "meer-onderdeel": "onderdeel",
    "meer-actie": "actie",
}


def _outcome_of(session: Session) -> Outcome | None:
    return Outcome.objects.filter(session=session).select_related("established_at_session").first()


@dataclass(frozen=True)
class ToEstablish:
    """A submitted verslag of an earlier session, and why it cannot be established at this one ('' if it can)."""

    outcome: Outcome
    problem: str
    hint: str


def _to_establish(session: Session, sessions: list[Session]) -> list[ToEstablish]:
    rows = []
    for item in outcomes_to_establish(session=session):
        problem = item.establishing_problem(session)
        rows.append(ToEstablish(item, problem, item.establishing_hint(sessions) if problem else ""))
    return rows


def _page(
    request: HttpRequest, found: access.SessionAccess, outcome: Outcome | None, editor: OutcomeEditor | None
) -> HttpResponse:
    session, may_edit = found.session, found.may_edit
    sessions = list(session.circle.sessions.order_by("number"))
    context: dict[str, Any] = {
        "session": session,
        "circle": session.circle,
        "outcome": outcome,
        "editor": editor,
        "may_edit": may_edit,
        "may_reopen": found.may_reopen,
        "publication_choices": Outcome.Publication.choices,
        "attendance": attendance_sentence(attendance_by_function(session)),
        "to_establish": _to_establish(session, sessions) if may_edit else [],
        "may_establish_now": session.has_begun(),
        "submit_too_early": submitting_too_early(session),
        "establish_hint": outcome.establishing_hint(sessions) if outcome and outcome.is_submitted else "",
        "events": list(outcome.events.select_related("by")) if outcome else [],
        "panels": panels.collect("session", request.user, session),
    }
    return render(request, "sessions/outcome.html", context)


def _editable(found: access.SessionAccess, outcome: Outcome | None) -> bool:
    return found.may_edit and (outcome is None or not outcome.is_established)


@login_required
def outcome(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The session's verslag page: a read view, or the form for whoever may edit it."""
    found = access.session_for_user(request.user, code, change=request.method == "POST")
    session = found.session
    current = _outcome_of(session)
    if not _editable(found, current):
        if request.method == "POST":
            messages.error(request, _("Dit verslag is vastgesteld. Alleen de projectleider kan het nog heropenen."))
            return redirect("sessions:outcome", code=session.code)
        return _page(request, found, current, None)
    if request.method != "POST":
        under = request.GET.get("onder", "")
        editor = OutcomeEditor(
            session=session,
            outcome=current,
            more=request.GET.get("meer", ""),
            under=int(under) if under.isdigit() else None,
        )
        return _page(request, found, current, editor)
    editor = OutcomeEditor(session=session, outcome=current, data=request.POST)
    if not editor.is_valid():
        return _page(request, found, current, editor)
    try:
        saved = services.outcome_save(
            session=session, user=request.user, data=editor.to_input(), version=editor.form.cleaned_data["version"]
        )
    except services.OutcomeConflict as conflict:
        return _conflict(request, found, conflict)
    except services.OutcomeError as error:
        messages.error(request, str(error))
        return redirect("sessions:outcome", code=session.code)
    return _after_save(request, session, saved, editor)


@login_required
@require_POST
def outcome_autosave(request: AuthenticatedHttpRequest, code: UUID) -> JsonResponse:
    """The editor's background save of a concept (outcome-editor.js): saved as "Concept opslaan" saves
    it, with the same version check, and answered with the new version and the ids of new rows."""
    found = access.session_for_user(request.user, code, change=True)
    current = _outcome_of(found.session)
    if current is not None and not current.is_concept:
        return JsonResponse({"message": _("Alleen een concept wordt automatisch opgeslagen.")}, status=400)
    editor = OutcomeEditor(session=found.session, outcome=current, data=request.POST)
    if not editor.is_valid():
        message = _("Niet automatisch opgeslagen: er ontbreekt iets. Sla zelf op om te zien wat.")
        return JsonResponse({"message": message}, status=400)
    try:
        saved = services.outcome_save(
            session=found.session,
            user=request.user,
            data=editor.to_input(),
            version=editor.form.cleaned_data["version"],
        )
    except services.OutcomeConflict:
        message = _(
            "Iemand anders heeft dit verslag intussen opgeslagen, dus het wordt niet meer automatisch opgeslagen. "
            "Klik op Concept opslaan: u ziet dan wat de ander wijzigde en houdt uw eigen tekst."
        )
        return JsonResponse({"message": message, "conflict": True}, status=409)
    except services.OutcomeError as error:
        return JsonResponse({"message": str(error)}, status=400)
    message = _("Opgeslagen om %(time)s") % {"time": time_format(timezone.localtime(), "H:i")}
    return JsonResponse({"version": saved.version, "message": message, "ids": editor.saved_ids(saved)})


def _conflict(
    request: AuthenticatedHttpRequest, found: access.SessionAccess, conflict: services.OutcomeConflict
) -> HttpResponse:
    """Nothing saved: the form now holds both people's changes, marked, and carries the current version,
    so saving again keeps the other person's text; where both changed a field, the user chooses."""
    editor = OutcomeEditor.for_merge(
        session=found.session, outcome=conflict.outcome, merge=conflict.merge, saved_by=conflict.saved_by
    )
    editor.conflict = str(conflict)
    response = _page(request, found, conflict.outcome, editor)
    response.status_code = 409
    return response


def _after_save(
    request: AuthenticatedHttpRequest, session: Session, saved: Outcome, editor: OutcomeEditor
) -> HttpResponse:
    url = reverse("sessions:outcome", kwargs={"code": session.code})
    if "meer-onder" in request.POST:  # "+ Onderdeel binnen …": an empty sub-section row under that section
        messages.success(request, _("Het verslag is opgeslagen. Er staat een lege regel voor u klaar."))
        under = editor.saved_section(request.POST["meer-onder"], outcome=saved)
        return HttpResponseRedirect(
            f"{url}?onder={under}#onderdeel-lijst" if under else f"{url}?meer=onderdeel#onderdeel-lijst"
        )
    more = next((kind for button, kind in MORE_BUTTONS.items() if button in request.POST), "")
    if more:
        messages.success(request, _("Het verslag is opgeslagen. Er staat een lege regel voor u klaar."))
        return HttpResponseRedirect(f"{url}?meer={more}#{more}-lijst")
    if "indienen" in request.POST:
        try:
            services.outcome_submit(outcome=saved, user=request.user)
        except services.OutcomeError as error:
            messages.error(request, _("Het verslag is opgeslagen, maar niet ingediend: %(reason)s") % {"reason": error})
            return redirect(url)
        messages.success(
            request, _("Het verslag is opgeslagen en ingediend. Het wordt vastgesteld in een volgende bijeenkomst.")
        )
        return redirect(url)
    messages.success(request, _("Het verslag is opgeslagen."))
    return redirect(url)


@login_required
@require_POST
def outcome_establish(request: AuthenticatedHttpRequest, code: UUID, earlier: UUID) -> HttpResponse:
    """Establish the submitted verslag of an earlier session at this (later) session."""
    session = access.session_for_user(request.user, code, change=True).session
    earlier_session = get_object_or_404(Session, code=earlier, circle_id=session.circle_id)
    target = _outcome_of(earlier_session)
    if target is None:
        messages.error(request, _("Bijeenkomst %(n)d heeft nog geen verslag.") % {"n": earlier_session.number})
        return redirect("sessions:outcome", code=session.code)
    form = EstablishForm(request.POST)
    if session.has_begun() and not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect("sessions:outcome", code=session.code)
    publication = form.cleaned_data["publication"] if form.is_valid() else Outcome.Publication.INTERN
    try:
        services.outcome_establish(outcome=target, at_session=session, user=request.user, publication=publication)
    except services.OutcomeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Het verslag van bijeenkomst %(n)d is vastgesteld.") % {"n": target.session.number},
        )
    return redirect("sessions:outcome", code=session.code)


@login_required
@require_POST
def outcome_reopen(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    session = access.session_for_user(request.user, code, reopen=True).session
    current = _outcome_of(session)
    if current is None:
        messages.error(request, _("Deze bijeenkomst heeft nog geen verslag."))
        return redirect("sessions:outcome", code=session.code)
    try:
        services.outcome_reopen(outcome=current, user=request.user)
    except services.OutcomeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Het verslag is heropend en is weer een concept."))
    return redirect("sessions:outcome", code=session.code)


@login_required
@require_POST
def outcome_publication(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The project leader changes who finds the established verslag in the kennisbank."""
    session = access.session_for_user(request.user, code, reopen=True).session
    current = _outcome_of(session)
    form = PublicationForm(request.POST)
    if current is None or not form.is_valid():
        messages.error(request, _("Kies een publicatieniveau."))
        return redirect("sessions:outcome", code=session.code)
    try:
        services.outcome_set_publication(
            outcome=current, user=request.user, publication=form.cleaned_data["publication"]
        )
    except services.OutcomeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Publicatieniveau gewijzigd in: %(level)s.") % {"level": current.get_publication_display()}
        )
    return redirect("sessions:outcome", code=session.code)


def _attendance_forms(session: Session, data: Any = None) -> dict[str, Any]:
    confirmed = session.circle.registrations.filter(status=Registration.Status.CONFIRMED)
    registrations = confirmed.order_by("pk")
    marked = {a.registration_id: a.present for a in session.attendances.filter(registration__isnull=False)}
    present = [r.pk for r in registrations if marked.get(r.pk, True)]
    guests = [
        {"name": g.guest_name, "organisation": g.guest_organisation, "function": g.guest_function}
        for g in session.attendances.filter(registration__isnull=True)
    ]
    counts = {row.function: row.count for row in session.attendance_counts.all()}
    entered_total = sum(counts.values())
    signed_up = len(registrations) + len(guests)
    form_name = data.get("formulier") if data is not None else None
    return {
        "form": AttendanceForm(
            data if form_name == "individueel" else None,
            registrations=registrations,
            initial={"present": present},
        ),
        "guests": GuestFormSet(data if form_name == "individueel" else None, initial=guests, prefix="gast"),
        "count_form": AttendanceCountForm(data if form_name == "aantallen" else None, initial=counts),
        "entered_counts": any(counts.values()),
        "entered_total": entered_total,
        "signed_up": signed_up,
        # A warning, not an error: people do walk in without signing up.
        "counts_exceed": entered_total > signed_up,
        "has_registrations": registrations.exists(),
    }


@login_required
def attendance(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """Mark who was there (one submit), add walk-in guests, or enter counts per function group."""
    found = access.session_for_user(request.user, code, change=request.method == "POST")
    session = found.session
    forms = _attendance_forms(session, request.POST if request.method == "POST" else None)
    if request.method == "POST" and _attendance_saved(request, session, forms):
        return redirect("sessions:attendance", code=session.code)
    current = _outcome_of(session)
    too_early = attendance_too_early(session)
    context = {
        **forms,
        "session": session,
        "circle": session.circle,
        "outcome": current,
        "may_edit": _editable(found, current) and not too_early,
        "too_early": too_early if found.may_edit else "",
        "sentence": attendance_sentence(attendance_by_function(session)),
        "may_download_presence": access.may_download_presence(request.user),
    }
    return render(request, "sessions/attendance.html", context, status=400 if request.method == "POST" else 200)


def _attendance_saved(request: AuthenticatedHttpRequest, session: Session, forms: dict[str, Any]) -> bool:
    try:
        if request.POST.get("formulier") == "aantallen":
            if not forms["count_form"].is_valid():
                return False
            services.attendance_counts_save(session=session, user=request.user, counts=forms["count_form"].counts())
        else:
            if not (forms["form"].is_valid() and forms["guests"].is_valid()):
                return False
            services.attendance_save(
                session=session,
                user=request.user,
                present_ids=forms["form"].present_ids(),
                guests=guests_from(forms["guests"]),
            )
    except services.OutcomeError as error:
        messages.error(request, str(error))
        return True
    messages.success(request, _("De aanwezigheid is opgeslagen."))
    return True

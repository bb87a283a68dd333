"""The sign-ups of a circle: the project leader manages them, staff reads them."""

from __future__ import annotations

import csv
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from circles.access import circle_for_user, circle_signups_for_user, may_change_circles
from circles.forms.registrations import RegistrationAddForm, RegistrationFilter, RegistrationStatusForm
from circles.models import Circle, Registration
from circles.selectors import registration_mail_failures
from circles.services.registrations import SignupRefused, registration_create, registration_set_status
from leerkring.core.dataaccess import Kind, data_access_record
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.core.names import people_sorted

PAGE_SIZE = 50
FILTER_KEYS = ("status", "organisatie", "functie", "pagina")
R = Registration.Status


def _filtered(request: HttpRequest, circle: Circle) -> RegistrationFilter:
    queryset = circle.registrations.select_related("added_by").order_by("created_at", "pk")
    return RegistrationFilter(request.GET or None, queryset=queryset)


def _by_name(registration_filter: RegistrationFilter) -> list[Registration]:
    """The filtered sign-ups by surname (the page and the CSV alike); a circle holds tens, not thousands."""
    return people_sorted(registration_filter.qs)


def _counts(circle: Circle) -> dict[str, int]:
    return circle.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=R.CONFIRMED)),
        waitlist=Count("pk", filter=Q(status=R.WAITLIST)),
        cancelled=Count("pk", filter=Q(status=R.CANCELLED)),
    )


@login_required
def registrations(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    circle = circle_signups_for_user(request.user, code)
    data_access_record(user=request.user, kind=Kind.SIGNUPS_VIEWED, obj=circle)
    registration_filter = _filtered(request, circle)
    page = Paginator(_by_name(registration_filter), PAGE_SIZE).get_page(request.GET.get("pagina"))
    failures = registration_mail_failures(page)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "circle": circle,
        "filter": registration_filter,
        "page": page,
        "rows": [(registration, failures.get(registration.pk, [])) for registration in page],
        "query": query.urlencode(),
        "counts": _counts(circle),
        "may_change": may_change_circles(request.user),
    }
    return render(request, "circles/registrations.html", context)


def _back_to_list(circle: Circle, request: HttpRequest) -> HttpResponse:
    kept = {key: request.POST[f"keep_{key}"] for key in FILTER_KEYS if request.POST.get(f"keep_{key}")}
    url = reverse("circles:registrations", args=[circle.code])
    return redirect(f"{url}?{urlencode(kept)}" if kept else url)


@login_required
@require_POST
def registration_status(request: AuthenticatedHttpRequest, code: UUID, registration_code: UUID) -> HttpResponse:
    circle = circle_for_user(request.user, code, change=True)
    registration = get_object_or_404(circle.registrations, code=registration_code)
    form = RegistrationStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
        return _back_to_list(circle, request)
    try:
        promoted = registration_set_status(registration=registration, status=form.cleaned_data["status"])
    except SignupRefused as refused:
        messages.error(request, str(refused))
        return _back_to_list(circle, request)
    registration.refresh_from_db()
    messages.success(
        request,
        _("%(name)s: status is nu „%(status)s”.")
        % {"name": registration.full_name, "status": registration.get_status_display().lower()},
    )
    if promoted is not None:
        messages.info(
            request,
            _("%(name)s stond als eerste op de wachtlijst, heeft de vrije plaats gekregen en krijgt een e-mail.")
            % {"name": promoted.full_name},
        )
    return _back_to_list(circle, request)


@login_required
@require_http_methods(["GET", "POST"])
def registration_add(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    circle = circle_for_user(request.user, code, change=True)
    form = RegistrationAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = registration_create(
                circle=circle,
                fields=form.registration_fields(),
                added_by=request.user,
                send_mail=form.cleaned_data["notify"],
            )
        except SignupRefused as refused:
            form.add_error(None, str(refused))
        else:
            if result.registration is not None:
                status = result.registration.get_status_display().lower()
                messages.success(
                    request,
                    _("%(name)s is toegevoegd (%(status)s).")
                    % {"name": result.registration.full_name, "status": status},
                )
                return redirect("circles:registrations", code=circle.code)
            form.add_error("email", _("Dit e-mailadres is al aangemeld voor deze leerkring."))
    return render(request, "circles/registrations_add.html", {"circle": circle, "form": form})


CSV_COLUMNS = [
    ("first_name", gettext_lazy("Voornaam")),
    ("last_name", gettext_lazy("Achternaam")),
    ("email", gettext_lazy("E-mailadres")),
    ("phone", gettext_lazy("Telefoonnummer")),
    ("organisation", gettext_lazy("Organisatie")),
    ("team", gettext_lazy("Team of locatie")),
    ("function", gettext_lazy("Functie")),
    ("learning_question", gettext_lazy("Leervraag")),
    ("status", gettext_lazy("Status")),
    ("created_at", gettext_lazy("Aangemeld op")),
    # Added last, so the columns of earlier exports keep their place.
    ("professional_register", gettext_lazy("Beroepsregister")),
    ("registration_number", gettext_lazy("Registratienummer")),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(registration: Registration, field: str) -> str:
    if field in {"organisation", "function", "status", "professional_register"}:
        return str(getattr(registration, f"get_{field}_display")())
    if field == "created_at":
        return timezone.localtime(registration.created_at).strftime("%d-%m-%Y %H:%M")
    value = str(getattr(registration, field))
    # A cell that starts like a formula is run by Excel; a leading quote keeps it text.
    return f"'{value}" if value.startswith(FORMULA_STARTS) and field != "phone" else value


@login_required
def registrations_csv(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """UTF-8 with BOM and semicolons: what Dutch Excel opens correctly with a double click."""
    circle = circle_signups_for_user(request.user, code)
    data_access_record(user=request.user, kind=Kind.SIGNUPS_CSV, obj=circle)
    rows = _by_name(_filtered(request, circle))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"aanmeldingen-{slugify(circle.name)[:60]}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(label) for _field, label in CSV_COLUMNS])
    for registration in rows:
        writer.writerow([_csv_cell(registration, field) for field, _label in CSV_COLUMNS])
    return response

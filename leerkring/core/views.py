"""The privacy pages of staf: the data-access log, and a person's data (find, export, erase)."""

from __future__ import annotations

import json
from uuid import UUID

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from leerkring.core import avg, privacy
from leerkring.core.access import require_privacy
from leerkring.core.dataaccess import Kind
from leerkring.core.dataaccess import person_access_record as data_access_record_person
from leerkring.core.forms import DataAccessFilter, EraseForm, PersonForm
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.core.models import DataAccess
from leerkring.core.privacy import Person

LOG_PAGE_SIZE = 50


@login_required
def data_access_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_privacy(request.user)
    form = DataAccessFilter(request.GET or None)
    rows = DataAccess.objects.order_by("-at", "-pk")
    if form.is_valid():
        if form.cleaned_data["gebruiker"] is not None:
            rows = rows.filter(user=form.cleaned_data["gebruiker"])
        if form.cleaned_data["soort"]:
            rows = rows.filter(kind=form.cleaned_data["soort"])
    page = Paginator(rows, LOG_PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "filtered": bool(request.GET)}
    return render(request, "core/data_access_log.html", context)


# A person's data (AVG rights) ---------------------------------------------------------------------
# The address travels in POST bodies only: never in a URL, so never in a server's access log.


def _person_page(request: AuthenticatedHttpRequest, person: Person, form: PersonForm) -> HttpResponse:
    data_access_record_person(user=request.user, kind=Kind.PERSON_VIEWED, email=person.email)
    context = {
        "form": form,
        "person": person,
        "sections": avg.person_sections(person),
        "mentions": privacy.person_mentions(person),
        "erase_form": EraseForm(initial={"email": person.email}),
    }
    return render(request, "core/person.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_privacy(request.user)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _person_page(request, privacy.person_find(form.cleaned_data["email"]), form)
    return render(request, "core/person.html", {"form": form})


@login_required
def person_of_registration(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """From a sign-up in the admin: the person's page, without their address in the URL."""
    require_privacy(request.user)
    # The sign-up model lives in an app above this one: looked up by name, not imported.
    registrations = apps.get_model("circles", "Registration")._default_manager
    email = get_object_or_404(registrations.only("email"), code=code).email
    return _person_page(request, privacy.person_find(email), PersonForm(initial={"email": email}))


def _posted_person(request: AuthenticatedHttpRequest) -> Person:
    form = PersonForm(request.POST)
    if not form.is_valid():
        raise Http404
    return privacy.person_find(form.cleaned_data["email"])


@login_required
@require_POST
def person_export_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_privacy(request.user)
    person = _posted_person(request)
    data_access_record_person(user=request.user, kind=Kind.PERSON_EXPORT, email=person.email)
    body = json.dumps(avg.person_export(person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gegevens.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def person_export_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The same as the JSON, for the person to read (or print to PDF from the browser)."""
    require_privacy(request.user)
    person = _posted_person(request)
    data_access_record_person(user=request.user, kind=Kind.PERSON_EXPORT, email=person.email)
    context = {"person": person, "sections": avg.person_sections(person), "today": timezone.localdate()}
    response = render(request, "core/person_export.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def person_erase(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_privacy(request.user)
    person = _posted_person(request)
    form = EraseForm(request.POST if "confirm_step" in request.POST else None, initial={"email": person.email})
    if form.is_bound and form.is_valid():
        avg.person_erase(person, placeholder=_("Verwijderd"))
        data_access_record_person(user=request.user, kind=Kind.PERSON_ERASE, email=person.email)
        messages.success(request, _("De gegevens zijn gewist. Pas de verslagen aan die nog een naam noemden."))
        return redirect("avg:person")
    context = {
        "form": form,
        "person": person,
        "sections": avg.person_sections(person),
        "mentions": privacy.person_mentions(person),
    }
    return render(request, "core/person_erase.html", context)

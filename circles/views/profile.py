"""Mijn gegevens for facilitators and project leaders; staff change them on the Begeleiders page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from circles import access
from circles.forms.profile import FacilitatorProfileForm
from circles.models import FacilitatorProfile
from leerkring.core.http import AuthenticatedHttpRequest
from leerkring.core.names import people_sorted

PAGE_SIZE = 50


def _profile(person: User) -> FacilitatorProfile:
    """The person's profile, or a new unsaved one: nothing is written until the form is saved."""
    return FacilitatorProfile.objects.filter(user=person).first() or FacilitatorProfile(user=person)


@login_required
def my_details(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_own_profile(request.user)
    form = FacilitatorProfileForm(request.POST or None, instance=_profile(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uw gegevens zijn opgeslagen."))
        return redirect("circles:my_details")
    return render(request, "circles/my_details.html", {"form": form, "person": request.user, "own": True})


@login_required
def facilitator_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_edit_profiles(request.user)
    people = people_sorted(access.people_with_profiles().select_related("facilitator_profile"))
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "circles/facilitators.html", {"page": page})


@login_required
def facilitator_details(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    person = access.profile_person_for_user(request.user, username)
    form = FacilitatorProfileForm(request.POST or None, instance=_profile(person))
    if request.method == "POST" and form.is_valid():
        form.save()
        name = person.get_full_name() or person.get_username()
        messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": name})
        return redirect("circles:facilitators")
    return render(request, "circles/my_details.html", {"form": form, "person": person, "own": False})

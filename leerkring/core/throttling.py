"""Login throttling with django-axes: which address a client has, and what a locked-out person sees."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from leerkring.core.http import client_address


def client_ip(request: HttpRequest) -> str | None:
    """The same address the sign-up rate limit counts, honouring TRUSTED_PROXY_COUNT; None when it is no address."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ngettext(
        "Er is te vaak een verkeerd wachtwoord ingevuld. Inloggen kan pas over %(minutes)d minuut weer. "
        "Weet u uw wachtwoord niet meer? Vraag dan de beheerder van Leerkring om een nieuw wachtwoord.",
        "Er is te vaak een verkeerd wachtwoord ingevuld. Inloggen kan pas over %(minutes)d minuten weer. "
        "Weet u uw wachtwoord niet meer? Vraag dan de beheerder van Leerkring om een nieuw wachtwoord.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, object] | None = None
) -> HttpResponse:
    """The login page again (429), with the cool-off message above the form and the username kept.

    The admin's login lands here too: its visitors get the same page, which logs in just as well.
    """
    username = request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "lockout_message": lockout_message(), "next": request.POST.get("next", "")}
    response = TemplateResponse(request, "registration/login.html", context, status=429)
    response.render()
    return response


__all__ = ["client_ip", "lockout_message", "lockout_response"]

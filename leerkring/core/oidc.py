"""Single sign-on with OpenID Connect (mozilla-django-oidc), for staff of the gemeente or hogeschool.

Users are matched on the identity provider's `sub` (never on e-mail, so an identity provider
cannot take over a local account that happens to share an address). Their roles follow the
claim settings.OIDC_ROLE_CLAIM through settings.OIDC_ROLE_MAP on every login: a group removed at
the identity provider is a role removed here. Someone without a mapped role is not logged in
and sees whom to ask. While OIDC_ENABLED is off, the backend and the pages do nothing.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import Group, User
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from leerkring.core.roles import ALL_ROLES

NO_ROLE_SESSION_KEY = "oidc_no_role"
USERNAME_PREFIX = "oidc-"
MAX_USERNAME = 150


def oidc_username(sub: str) -> str:
    """A stable username for the identity provider's subject; long subjects are hashed."""
    name = f"{USERNAME_PREFIX}{sub}"
    if len(name) > MAX_USERNAME:
        name = f"{USERNAME_PREFIX}{hashlib.sha256(sub.encode()).hexdigest()}"
    return name


def claim_values(claims: dict[str, Any], claim: str) -> set[str]:
    """A claim as a set of strings: identity providers send a list, or a single string."""
    value = claims.get(claim)
    if isinstance(value, str):
        return {value}
    if isinstance(value, list | tuple):
        return {str(item) for item in value}
    return set()


def mapped_roles(claims: dict[str, Any]) -> set[str]:
    groups = claim_values(claims, settings.OIDC_ROLE_CLAIM)
    return {role for group, role in settings.OIDC_ROLE_MAP.items() if group in groups}


def user_sync_roles(*, user: User, roles: set[str]) -> None:
    """Give the user exactly these of our roles; other groups stay as they are."""
    user.groups.remove(*Group.objects.filter(name__in=set(ALL_ROLES) - roles))
    user.groups.add(*Group.objects.filter(name__in=roles))


class RoleSyncingOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not settings.OIDC_ENABLED:
            return None
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        sub = payload.get("sub")
        if not sub:
            raise SuspiciousOperation("The ID token names no subject")
        claims = self.get_userinfo(access_token, id_token, payload)
        roles = mapped_roles(claims)
        user = User.objects.filter(username=oidc_username(str(sub))).first()
        if user is not None and not user.is_active:
            return None
        if not roles:
            if user is not None:
                user_sync_roles(user=user, roles=set())
            self.request.session[NO_ROLE_SESSION_KEY] = True
            return None
        if user is None:
            user = User.objects.create_user(oidc_username(str(sub)))
        user.email = str(claims.get("email", user.email))[:254]
        user.first_name = str(claims.get("given_name", user.first_name))[:150]
        user.last_name = str(claims.get("family_name", user.last_name))[:150]
        user.save(update_fields=["email", "first_name", "last_name"])
        user_sync_roles(user=user, roles=roles)
        return user


class LoginView(auth_views.LoginView):
    """The login page: local accounts always, and single sign-on next to them when it is on."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        return context


def enabled_only(view: Any) -> Any:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    return wrapped


@enabled_only
def failed(request: HttpRequest) -> HttpResponse:
    """Where a single sign-on that did not log anyone in ends: no role, or another reason."""
    no_role = bool(request.session.pop(NO_ROLE_SESSION_KEY, False))
    context = {
        "no_role": no_role,
        "contact_name": settings.WERKPLAATS_CONTACT_NAME,
        "contact_email": settings.WERKPLAATS_CONTACT_EMAIL,
    }
    return render(request, "registration/oidc_failed.html", context, status=403 if no_role else 200)


app_name = "oidc"
urlpatterns = [
    path("inloggen/", enabled_only(OIDCAuthenticationRequestView.as_view()), name="authenticate"),
    path("terug/", enabled_only(OIDCAuthenticationCallbackView.as_view()), name="callback"),
    path("mislukt/", failed, name="failed"),
]

"""Headers every response gets beyond Django's SecurityMiddleware and the CSP.

Permissions-Policy: we use no camera, microphone, location or payment; say so to the browser.
Cache-Control: no-store wherever personal data may be on the page or in the file: every
response to a signed-in user (pages, report downloads, CSV and calendar exports) and the
sign-up and cancel flow of the public pages. Static files never reach this middleware
(WhiteNoise answers them first) and keep their long caching.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Public pages where a visitor types or sees their own name and e-mail address.
NO_STORE = "private, no-store"
PERSONAL_PUBLIC_VIEWS = frozenset({"login", "circles:public_detail", "circles:signup_done", "circles:cancel"})


def holds_personal_data(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    match = request.resolver_match
    return match is not None and match.view_name in PERSONAL_PUBLIC_VIEWS


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if holds_personal_data(request):
            response["Cache-Control"] = NO_STORE
        return response

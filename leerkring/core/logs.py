"""A request id on every log line written while a request is handled, echoed in X-Request-ID.

Behind TRUSTED_PROXY_COUNT proxies the proxy's X-Request-ID is kept, so one id follows the
request from the proxy's log into ours; otherwise (or when the header looks odd) we make one.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

HEADER = "X-Request-ID"
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
request_id: ContextVar[str] = ContextVar("request_id", default="")


def incoming_request_id(request: HttpRequest) -> str:
    if settings.TRUSTED_PROXY_COUNT > 0:
        given = request.headers.get(HEADER, "")
        if _ACCEPTABLE.match(given):
            return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Kept until request_finished: Django logs a 4xx or 5xx response after the middleware.
        request_id.set(incoming_request_id(request))
        response = self.get_response(request)
        response[HEADER] = request_id.get()
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs: object) -> None:
    request_id.set("")


class RequestIdFilter(logging.Filter):
    """Gives every record a request_id: the current request's, or "" outside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True

"""Request types for views."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind login_required: its user is a User, never AnonymousUser."""

    user: User

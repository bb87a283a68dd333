"""A facilitator's private calendar link ("Mijn bijeenkomsten"). Callers pass the signed-in user."""

from __future__ import annotations

from django.contrib.auth.models import User

from sessions.models import CalendarToken


def calendar_token_for(*, user: User) -> CalendarToken:
    token, _ = CalendarToken.objects.get_or_create(user=user)
    return token


def calendar_token_renew(*, user: User) -> CalendarToken:
    """A new secret link; the old one stops working at once."""
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user)

"""Builders for the planning tests: a circle that meets every rule, and a way to publish it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.test import Client

from circles.models import Circle
from tests.factories import make_circle, make_session

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

MARCH = [datetime.date(2027, 3, day) for day in (2, 9, 16, 23)]


def ready_circle(project_leader: User, facilitators: list[User], **fields: object) -> Circle:
    """A concept with four sessions of three hours, two facilitators each, inside its period."""
    circle = make_circle(project_leader, **fields)
    for date in MARCH:
        make_session(circle, date, "13:00", "16:00", facilitators=facilitators)
    return circle


def publish(client: Client, circle: Circle) -> Response:
    return client.post(f"/leerkringen/{circle.code}/status/", {"to": "gepubliceerd"}, follow=True)


def flash(response: Response) -> list[str]:
    return [str(message) for message in response.context["messages"]]

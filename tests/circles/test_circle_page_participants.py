"""The participants block of the circle page: what a facilitator sees, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from circles.access import participant_fields_visible_to
from circles.models import Circle
from tests.factories import make_registration, open_circle

pytestmark = pytest.mark.django_db


def _queries(client: Client, circle: Circle) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("circles:detail", args=[circle.code]))
    assert response.status_code == 200
    return len(captured)


def test_a_facilitators_circle_page_does_not_grow_with_the_participants(
    client: Client, projectleider: User, begeleider: User
) -> None:
    circle = open_circle(projectleider, facilitators=(begeleider,), capacity=40)
    for number in range(5):
        make_registration(circle, f"p{number}@example.org", last_name=f"Deelnemer {number:02d}")
    client.force_login(begeleider)
    with_five = _queries(client, circle)
    for number in range(5, 30):
        make_registration(circle, f"p{number}@example.org", last_name=f"Deelnemer {number:02d}")
    with_thirty = _queries(client, circle)
    assert with_thirty == with_five
    html = client.get(reverse("circles:detail", args=[circle.code])).content.decode()
    assert "Deelnemer 29" in html
    assert "p29@example.org" not in html


def test_who_may_read_which_participant_fields(
    projectleider: User, staf: User, begeleider: User, outsider: User
) -> None:
    assert participant_fields_visible_to(projectleider) is None
    assert participant_fields_visible_to(staf) is None
    assert participant_fields_visible_to(begeleider) == ("first_name", "last_name", "organisation", "team", "function")
    assert participant_fields_visible_to(outsider) == ()

"""After logging in, each role lands on the page it works from; `next` still wins."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db


def _log_in(client: Client, user: User, next_url: str = "") -> str:
    data = {"username": user.username, "password": "pw"}
    if next_url:
        data["next"] = next_url
    response = client.post("/accounts/login/", data, follow=True)
    return response.redirect_chain[-1][0]


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("projectleider", "/leerkringen/"),
        ("staf", "/leerkringen/"),
        ("superuser", "/leerkringen/"),
        ("begeleider", "/bijeenkomsten/mijn/"),
        ("outsider", "/"),
    ],
)
def test_each_role_lands_on_its_own_page(
    client: Client, persona: str, landing: str, request: pytest.FixtureRequest
) -> None:
    assert _log_in(client, request.getfixturevalue(persona)) == landing


def test_next_is_followed(client: Client, begeleider: User) -> None:
    assert _log_in(client, begeleider, next_url="/privacy/") == "/privacy/"

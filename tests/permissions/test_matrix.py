"""Every URL against every persona (pretix's permission matrix).

Each feature keeps its rows in `rows_<feature>.py` as a list `ROWS` of
`Row(method, url, {persona: status})`; the URL is a template over World.codes()
(e.g. "/leerkringen/{circle}/"). A persona left out of a row is not checked for it.
Personas: anonymous, outsider, staf, begeleider (guides the circle), begeleider2
(guides nothing there), projectleider (leads the circle), projectleider2 (leads another), superuser.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests import permissions
from tests.factories import build_world
from tests.permissions.rows import PERSONAS, Row


def all_rows() -> list[tuple[str, Row]]:
    rows: list[tuple[str, Row]] = []
    for module in sorted(m.name for m in pkgutil.iter_modules(permissions.__path__) if m.name.startswith("rows_")):
        rows.extend((module, row) for row in importlib.import_module(f"tests.permissions.{module}").ROWS)
    return rows


CASES = [
    pytest.param(row, persona, id=f"{row.method} {row.url} as {persona}")
    for _, row in all_rows()
    for persona in PERSONAS
    if persona in row.expect
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "persona"), CASES)
def test_permission(
    client: Client,
    row: Row,
    persona: str,
    projectleider: User,
    projectleider2: User,
    begeleider: User,
    begeleider2: User,
    staf: User,
    outsider: User,
    superuser: User,
) -> None:
    world = build_world(projectleider, begeleider, begeleider2)
    users = {
        "outsider": outsider,
        "staf": staf,
        "begeleider": begeleider,
        "begeleider2": begeleider2,
        "projectleider": projectleider,
        "projectleider2": projectleider2,
        "superuser": superuser,
    }
    if persona in users:
        client.force_login(users[persona])
    url = row.url.format(**world.codes())
    response = client.post(url, row.data or {}) if row.method == "POST" else client.get(url)
    assert response.status_code == row.expect[persona], f"{row.method} {url} as {persona}"
    if response.status_code == 302 and persona == "anonymous" and row.expect[persona] == 302:
        assert "login" in response["Location"]

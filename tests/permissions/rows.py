from __future__ import annotations

from dataclasses import dataclass, field

PERSONAS = [
    "anonymous",
    "outsider",
    "staf",
    "begeleider",
    "begeleider2",
    "projectleider",
    "projectleider2",
    "superuser",
]
SIGNED_IN = PERSONAS[1:]


@dataclass(frozen=True)
class Row:
    method: str
    url: str
    expect: dict[str, int]
    data: dict[str, str] = field(default_factory=dict)


def login_then(status_by_role: dict[str, int]) -> dict[str, int]:
    """Anonymous visitors are sent to the login page; the rest as given."""
    return {"anonymous": 302, **status_by_role}

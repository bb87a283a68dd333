"""Demo attendance and outcomes for `seed_demo` (development only)."""

from __future__ import annotations

from django.contrib.auth.models import User

from circles.models import Circle


def seed_outcomes(circles: dict[str, Circle], users: dict[str, User]) -> None:
    """Record a verslag modelled on the real summary in shared/seeds/, once."""

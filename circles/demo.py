"""Demo circles and sessions for `seed_demo` (development only)."""

from __future__ import annotations

from django.contrib.auth.models import User

from circles.models import Circle


def seed_circles(users: dict[str, User]) -> dict[str, Circle]:
    """Create the demo circles once; return them by a short key."""
    return {}

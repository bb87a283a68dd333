"""Demo sign-ups for `seed_demo` (development only)."""

from __future__ import annotations

from circles.models import Circle


def seed_registrations(circles: dict[str, Circle]) -> None:
    """Sign demo professionals up for the published demo circles, once."""

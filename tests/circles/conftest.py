"""Fixtures shared by the circles tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.factories import before_the_circles


@pytest.fixture
def before_the_circles_clock() -> Iterator[None]:
    """The clock at a fixed moment before the test circles' dates; use with `usefixtures`."""
    with before_the_circles():
        yield

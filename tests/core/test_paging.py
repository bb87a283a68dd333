"""The pager that does not count."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from leerkring.core.paging import slice_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def users() -> None:
    User.objects.bulk_create([User(username=f"user{n:02d}") for n in range(25)])


@pytest.mark.usefixtures("users")
@pytest.mark.parametrize(
    ("asked", "number", "shown", "has_next"),
    [
        (None, 1, 10, True),
        ("2", 2, 10, True),
        ("3", 3, 5, False),
        ("9", 3, 5, False),
        ("x", 1, 10, True),
        ("0", 1, 10, True),
    ],
)
def test_a_page_knows_its_neighbours_without_counting(
    asked: str | None, number: int, shown: int, has_next: bool
) -> None:
    page = slice_page(User.objects.order_by("username"), 10, asked)
    assert (page.number, len(page), page.has_next, page.has_previous()) == (number, shown, has_next, number > 1)
    assert page.paginator.num_pages is None


def test_an_empty_list_is_one_empty_page() -> None:
    page = slice_page(User.objects.order_by("username"), 10, "4")
    assert (page.number, list(page), page.has_other_pages()) == (1, [], False)

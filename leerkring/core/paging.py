"""A pager that does not count: the next page exists when one row more than a page is there.

For lists that may grow without bound for one person (a busy facilitator's sessions), where
"Pagina 3 van 41" would cost a count of every row on every view. It offers what
`_pagination.html` uses of Django's Page: number, object_list, has_other_pages, has_previous,
has_next, previous_page_number, next_page_number, and a paginator without num_pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.db.models import Model, QuerySet

T = TypeVar("T")
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class _Uncounted:
    num_pages: None = None


@dataclass(frozen=True)
class SlicePage(Generic[T]):
    number: int
    object_list: list[T]
    has_next: bool
    paginator: _Uncounted = field(default_factory=_Uncounted)

    def __iter__(self) -> Iterator[T]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def slice_page(queryset: QuerySet[M], size: int, number: str | None) -> SlicePage[M]:
    """The page `number` (1 for anything that is not a positive whole number) of an ordered queryset.

    A page past the end shows the last rows there are, as Django's get_page does, at the cost of
    one more query only in that case.
    """
    try:
        wanted = max(1, int(number or 1))
    except ValueError:
        wanted = 1
    start = (wanted - 1) * size
    rows = list(queryset[start : start + size + 1])
    if not rows and wanted > 1:
        last = max(1, -(-queryset.count() // size))
        return slice_page(queryset, size, str(last)) if last < wanted else SlicePage(last, [], False)
    return SlicePage(wanted, rows[:size], len(rows) > size)

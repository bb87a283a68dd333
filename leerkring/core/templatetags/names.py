"""People in the order a Dutch reader looks them up: by surname, its tussenvoegsel aside."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django import template

from leerkring.core.names import Named, people_sorted

register = template.Library()
N = TypeVar("N", bound=Named)


@register.filter
def by_name(people: Iterable[N]) -> list[N]:
    """`{% for person in session.facilitators.all|by_name %}`: a prefetched set, in name order."""
    return people_sorted(people)

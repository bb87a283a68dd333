"""Parts of a higher app shown on a lower app's page, without the lower app importing the higher one.

The staff circle page (circles) shows the outcomes table and attendance chart (sessions) and the
report box (reports); the verslag page (sessions) shows the report box (reports); the bouwstenen
page (buildingblocks) shows which circles work on each bouwsteen (circles); the public catalogue
(circles) links the latest programme folder (reports).

A higher app registers a provider for a named page in its AppConfig.ready():

    panels.register("circle", circle_outcomes_panel)

A provider takes (user, subject) and returns a Panel, or None when the user sees nothing of it.
It calls its own app's selectors and access functions, so permissions are decided once per page,
in the provider, not per row in a template tag. The lower view collects the panels once
(`panels.collect`) and its template renders each with `{% render_panel panel %}`. Pretix shows
plug-in content on core pages with signals; this is the same idea, typed and explicit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser, User

# The pages that take panels, and what their subject is.
PageName = Literal["circle", "session", "building_blocks", "my_registration", "catalogue"]
PAGES: tuple[PageName, ...] = ("circle", "session", "building_blocks", "my_registration", "catalogue")


@dataclass(frozen=True)
class Panel:
    """A template and its context, rendered in `slot` of the page, ordered by `order` within it."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    slot: str = "main"
    order: int = 0


Provider = Callable[[User | AnonymousUser, Any], Panel | None]
_providers: dict[PageName, list[Provider]] = {page: [] for page in PAGES}


def register(page: PageName, provider: Provider) -> None:
    """Called from an AppConfig.ready(); registering the same provider twice adds it once."""
    if page not in _providers:
        raise ValueError(f"No page {page!r} takes panels; known: {', '.join(PAGES)}")
    if provider not in _providers[page]:
        _providers[page].append(provider)


def providers(page: PageName) -> tuple[Provider, ...]:
    return tuple(_providers[page])


def collect(page: PageName, user: User | AnonymousUser, subject: Any) -> dict[str, list[Panel]]:
    """Every provider's panel for this page, grouped by slot and ordered; a slot without panels is absent."""
    found = [panel for provider in _providers[page] if (panel := provider(user, subject)) is not None]
    slots: dict[str, list[Panel]] = {}
    for panel in sorted(found, key=lambda item: item.order):
        slots.setdefault(panel.slot, []).append(panel)
    return slots

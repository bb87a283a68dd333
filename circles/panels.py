"""What circles shows on the bouwstenen page (see leerkring/core/panels.py); registered in apps.py."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from buildingblocks.models import BuildingBlock
from circles.selectors import COVERAGE_SHOWN, building_block_coverage
from leerkring.core import roles
from leerkring.core.panels import Panel


def building_block_coverage_panel(user: User | AnonymousUser, blocks: list[BuildingBlock]) -> Panel | None:
    """For those who plan or follow circles: per bouwsteen the circles that work on it."""
    if not (roles.sees_all_circles(user) or roles.is_begeleider(user)):
        return None
    return Panel(
        "circles/_building_block_coverage.html",
        {"coverage": building_block_coverage(user, blocks), "shown": COVERAGE_SHOWN},
        slot="list",
    )

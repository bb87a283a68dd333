from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from buildingblocks.models import BuildingBlock
from leerkring.core import panels


def index(request: HttpRequest) -> HttpResponse:
    """The eight bouwstenen; higher apps may add to the page (circles: which circles work on each)."""
    blocks = list(BuildingBlock.objects.all())
    slots = panels.collect("building_blocks", request.user, blocks)
    return render(request, "buildingblocks/index.html", {"blocks": blocks, "panels": slots})

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from buildingblocks.models import BuildingBlock


def index(request: HttpRequest) -> HttpResponse:
    blocks = BuildingBlock.objects.all()
    return render(request, "buildingblocks/index.html", {"blocks": blocks})

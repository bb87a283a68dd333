from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from circles.selectors import building_block_coverage
from leerkring.core import roles


def index(request: HttpRequest) -> HttpResponse:
    """The eight bouwstenen; for those who plan or follow circles, which circles work on each."""
    shows_circles = roles.sees_all_circles(request.user) or roles.is_begeleider(request.user)
    coverage = building_block_coverage(request.user)
    return render(request, "buildingblocks/index.html", {"coverage": coverage, "shows_circles": shows_circles})

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from circles.roles import sees_all_circles


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not sees_all_circles(request.user):
        raise PermissionDenied
    return render(request, "reports/index.html")

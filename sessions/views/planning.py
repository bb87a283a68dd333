"""Sessions as facilitators and project leaders plan and find them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    return render(request, "sessions/mine.html")

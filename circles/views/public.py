"""Public pages: the catalogue of open circles and signing up (no account needed)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "circles/home.html")

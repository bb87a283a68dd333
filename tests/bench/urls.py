"""The real URLconf plus a bare view: the practical limit of a page on this stack. Bench only."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    """A small static template through the full middleware stack, with no query."""
    return render(request, "bench/bare.html")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("leerkring.urls")),
]

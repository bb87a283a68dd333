"""Filters for the PDF templates."""

from __future__ import annotations

from django import template

register = template.Library()

ELLIPSIS = "…"


@register.filter
def shorten(value: object, limit: int) -> str:
    """The text cut at a word boundary to at most `limit` characters, with an ellipsis when cut.

    For the running header, where a circle's name must fit one line: "Leerkring 1 - Methodiek-
    ontwikkeling integrale wijkteams en (verbrede)…", never "… (verbrede) v…". A single word longer
    than the limit is cut inside the word, as there is no boundary to cut at.
    """
    text = " ".join(str(value).split())
    if len(text) <= limit:
        return text
    room = text[: limit - len(ELLIPSIS) + 1]
    cut = room.rfind(" ")
    kept = room[:cut] if cut > 0 else room[: limit - len(ELLIPSIS)]
    return kept.rstrip(" -–—,;:") + ELLIPSIS

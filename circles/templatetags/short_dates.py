"""Short dates that read "29 sep 2026" in Dutch and "29 Sep 2026" in English.

Django's `b` is lowercase in every language and `M` is capitalised in every language;
Dutch writes month abbreviations in lowercase, English capitalises them.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from django import template
from django.utils import formats, translation

register = template.Library()
LOWERCASE_MONTH_LANGUAGES = ("nl",)


@register.filter(expects_localtime=True)
def short_date(value: datetime.date | datetime.datetime | None, format_string: str) -> str:
    """Like `date`, with `b` for the abbreviated month written the way the active language writes it."""
    if value is None:
        return ""
    return _short_date(translation.get_language() or "nl", format_string, value)


@lru_cache(maxsize=4096)
def _short_date(language: str, format_string: str, value: datetime.date | datetime.datetime) -> str:
    """Kept per language: a list of sessions shows the same few hundred dates to every reader."""
    if language.split("-")[0] not in LOWERCASE_MONTH_LANGUAGES:
        format_string = format_string.replace("b", "M")
    return formats.date_format(value, format_string)

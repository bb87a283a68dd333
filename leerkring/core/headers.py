"""Text from people, made safe where it becomes one line: a mail subject, an .ics property, a file name.

Forms refuse line breaks in single-line fields, but rows written before that rule, through the
admin or by a crafted request may still hold them. A header or an iCalendar content line with a
raw line break is refused (Django raises BadHeaderError, icalendar an assertion), so whatever
builds one runs the value through `single_line` first: it can never raise.
"""

from __future__ import annotations

import unicodedata

# Unicode categories that never belong in one line of text: control, format (e.g. zero-width,
# bidi overrides), line and paragraph separators, surrogates, unassigned.
_DROPPED = {"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"}


def single_line(value: object, *, limit: int = 0) -> str:
    """The value as one line: whitespace runs (line breaks included) become one space, control characters go.

    A tab or a line break separated two words, so it becomes a space; other control characters
    are dropped. `limit` cuts the result to that many characters (0: no limit).
    """
    text = "".join(
        " " if char.isspace() else char
        for char in str(value)
        if char.isspace() or unicodedata.category(char) not in _DROPPED
    )
    text = " ".join(text.split())
    return text[:limit].rstrip() if limit else text

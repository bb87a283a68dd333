"""Attendance per function group across sessions, drawn as SVG by our own code.

Used on the circle page and in the PDF circle report; no scripts, no external files.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from circles.models import Function, Session

# Colour-blind-safe palette (Okabe–Ito), one colour per function group.
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#7F7F7F"]
BAR_HEIGHT = 22
ROW_HEIGHT = BAR_HEIGHT + 10
LABEL_WIDTH = 120
CHART_WIDTH = 640
LEGEND_COLUMN = 210


def _not_recorded(session: Session, y: int) -> SafeString:
    """A gap, not a bar of 0: nobody recorded attendance, which the table shows as "–"."""
    return format_html(
        '<text x="0" y="{}" font-size="12">{} {}</text>'
        '<text x="{}" y="{}" font-size="12" font-style="italic" fill="#595959">{}</text>',
        y + 15, _("Bijeenkomst"), session.number, LABEL_WIDTH, y + 15, _("niet vastgelegd"),
    )  # fmt: skip


def _bar(session: Session, counts: dict[str, int], y: int, scale: float) -> SafeString:
    """One stacked bar: a segment per function group, the total behind it."""
    if not any(counts.values()):
        return _not_recorded(session, y)
    x = float(LABEL_WIDTH)
    segments = []
    for colour, function in zip(COLOURS, Function, strict=True):
        width = counts.get(function.value, 0) * scale
        if width:
            segments.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                    f"{x:.1f}",
                    y,
                    f"{width:.1f}",
                    BAR_HEIGHT,
                    colour,
                    function.label,
                    counts[function.value],
                )
            )
            x += width
    return format_html(
        '<text x="0" y="{}" font-size="12">{} {}</text>{}<text x="{}" y="{}" font-size="12">{}</text>',
        y + 15, _("Bijeenkomst"), session.number, SafeString("".join(segments)),
        f"{x + 6:.1f}", y + 15, sum(counts.values()),
    )  # fmt: skip


def _legend(top: int) -> SafeString:
    """The function groups with their colours, three to a line."""
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect><text x="{}" y="{}" font-size="11">{}</text>',
        (
            (
                (i % 3) * LEGEND_COLUMN,
                top + (i // 3) * 18,
                colour,
                (i % 3) * LEGEND_COLUMN + 16,
                top + 10 + (i // 3) * 18,
                function.label,
            )
            for i, (colour, function) in enumerate(zip(COLOURS, Function, strict=True))
        ),
    )


def attendance_chart_svg(table: list[tuple[Session, dict[str, int]]]) -> SafeString:
    """One stacked horizontal bar per session, a segment per function group, and a legend."""
    largest = max((sum(counts.values()) for _session, counts in table), default=0) or 1
    scale = (CHART_WIDTH - LABEL_WIDTH - 40) / largest
    bars = SafeString(
        "".join(_bar(session, counts, 10 + i * ROW_HEIGHT, scale) for i, (session, counts) in enumerate(table))
    )
    legend_top = 20 + len(table) * ROW_HEIGHT
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="attendance-chart-title"><title id="attendance-chart-title">{}</title>{}{}</svg>',
        CHART_WIDTH, legend_top + 40, _("Aanwezigheid per functiegroep per bijeenkomst"), bars, _legend(legend_top),
    )  # fmt: skip

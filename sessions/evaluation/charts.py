"""The distribution of the ratings per statement, drawn as SVG by our own code (as sessions/charts.py).

One stacked bar per statement, a segment per value 1–5, the average behind it. Used on the circle
page and in the circle report PDF; no scripts, no external files.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sessions.evaluation.models import SCALE
from sessions.evaluation.selectors import StatementResult

# From "helemaal niet mee eens" (1) to "helemaal mee eens" (5): a diverging, colour-blind-safe scale.
COLOURS = ["#B2182B", "#EF8A62", "#BDBDBD", "#67A9CF", "#2166AC"]
TEXT_ON = ["#ffffff", "#000000", "#000000", "#000000", "#ffffff"]
WIDTH = 640
BAR_WIDTH = 520
BAR_HEIGHT = 22
ROW_HEIGHT = 58


def _segments(result: StatementResult, y: int) -> SafeString:
    x = 0.0
    parts = []
    for value, count, colour, ink in zip(SCALE, result.counts, COLOURS, TEXT_ON, strict=True):
        if not count:
            continue
        width = BAR_WIDTH * count / result.total
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>',
                f"{x:.1f}",
                y,
                f"{width:.1f}",
                BAR_HEIGHT,
                colour,
                value,
                count,
                f"{x + width / 2:.1f}",
                y + 15,
                ink,
                count if width >= 14 else "",
            )
        )
        x += width
    return SafeString("".join(parts))


def _row(result: StatementResult, index: int) -> SafeString:
    top = 10 + index * ROW_HEIGHT
    average = number_format(round(result.average, 1), 1) if result.average is not None else "–"
    return format_html(
        '<text x="0" y="{}" font-size="12">{}. {}</text>{}'
        '<text x="{}" y="{}" font-size="12" font-weight="bold">{}</text>',
        top + 12, index + 1, _shorten(result.statement), _segments(result, top + 20),
        BAR_WIDTH + 10, top + 35, _("gem. %(average)s") % {"average": average},
    )  # fmt: skip


def _shorten(text: str, limit: int = 95) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _legend(top: int) -> SafeString:
    # The words of the form's hint (evaluation_answer.html), so the chart reads as the question did.
    labels = [_("1 helemaal niet mee eens"), "2", "3", "4", _("5 helemaal mee eens")]
    positions = [0, 170, 220, 270, 320]
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect><text x="{}" y="{}" font-size="11">{}</text>',
        (
            (x, top, colour, x + 16, top + 10, label)
            for x, colour, label in zip(positions, COLOURS, labels, strict=True)
        ),
    )


def ratings_chart_svg(results: list[StatementResult]) -> SafeString:
    legend_top = 10 + len(results) * ROW_HEIGHT
    rows = SafeString("".join(_row(result, index) for index, result in enumerate(results)))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="ratings-chart-title"><title id="ratings-chart-title">{}</title>{}{}</svg>',
        WIDTH, legend_top + 24, _("Verdeling van de antwoorden per stelling"), rows, _legend(legend_top),
    )  # fmt: skip

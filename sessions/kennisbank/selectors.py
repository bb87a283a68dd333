"""Searching the kennisbank: the matching verslagen, best first, their facets and their snippets.

The verslagen searched are those the reader may read (sessions.access.outcomes_readable_by);
nothing here widens that set. On PostgreSQL the search runs on the stored
Dutch search vector (ranked with SearchRank, snippets by SearchHeadline); on SQLite, the embedded
default, it is a case-insensitive match in the same stored text.

A page costs the same queries at any size, and runs the search itself once: one query for the keys
of every match, best first (its length is the count), one for the page's rows, one for the bouwstenen
of the page's circles, one per facet over those keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.functions import ExtractYear
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from buildingblocks.models import BuildingBlock
from circles.models import Circle
from leerkring.core import figures as cached_figures
from sessions.access import kennisbank_readers, outcomes_readable_by
from sessions.kennisbank.services import CONFIG
from sessions.models import Outcome, Subgroup

# Marks PostgreSQL puts around a match; private-use characters, so no text a person typed holds
# them, and the snippet is escaped whole before they become <mark> and </mark>.
START, STOP = "\ue000", "\ue001"
FACET_LIMIT = 12
SNIPPET_CHARS = 220


@dataclass(frozen=True)
class Filters:
    """The search box and the facets chosen; empty means not filtered."""

    query: str = ""
    block: int | None = None
    kind: str = ""
    year: int | None = None
    subgroup: str = ""
    circle: UUID | None = None

    def params(self, **changes: Any) -> str:
        """The query string of these filters with `changes` applied (None or "" leaves one out)."""
        values = replace(self, **changes)
        pairs = {
            "q": values.query,
            "bouwsteen": values.block,
            "soort": values.kind,
            "jaar": values.year,
            "subgroep": values.subgroup,
            "leerkring": values.circle,
        }
        return urlencode({key: value for key, value in pairs.items() if value not in (None, "")})


@dataclass(frozen=True)
class FacetValue:
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class Facet:
    key: str
    title: str
    values: list[FacetValue]


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _query(filters: Filters) -> SearchQuery:
    # websearch: what people type in a search box ("wijkteam -vraagwijzer", "eigen kracht").
    return SearchQuery(filters.query, config=CONFIG, search_type="websearch")


def about_block(number: int) -> Q:
    """A verslag is about a bouwsteen when its circle names it (the bouwsteen facet counts the same)."""
    named = Circle.building_blocks.through.objects.filter(buildingblock__number=number).values("circle_id")
    return Q(session__circle_id__in=named)


def in_year(year: int) -> Q:
    """A verslag's period is the year of its session."""
    return Q(session__date__year=year)


def established_per_block_and_year(
    outcomes: QuerySet[Outcome], numbers: Iterable[int], years: list[int]
) -> dict[tuple[int, int], int]:
    """(bouwsteen number, year) → how many of `outcomes` the kennisbank finds with those two facets.

    One query, grouped by year with a conditional count per bouwsteen.
    """
    numbers = list(numbers)
    if not numbers or not years:
        return {}
    grouped: QuerySet[Any] = (
        outcomes.filter(status=Outcome.Status.ESTABLISHED, session__date__year__in=years)
        .annotate(year=ExtractYear("session__date"))
        .values("year")
        .annotate(**{f"block_{number}": Count("pk", filter=about_block(number)) for number in numbers})
        .order_by()
    )
    return {(number, row["year"]): row[f"block_{number}"] for row in grouped for number in numbers}


def kennisbank_matches(outcomes: QuerySet[Outcome], filters: Filters) -> QuerySet[Outcome]:
    """`outcomes` narrowed to the search and the facets; best match first, else newest first."""
    matches = outcomes.filter(status=Outcome.Status.ESTABLISHED)
    newest: list[str | OrderBy] = [F("established_at").desc(nulls_last=True), "-session__date", "-pk"]
    if filters.block is not None:
        matches = matches.filter(about_block(filters.block))
    if filters.kind:
        matches = matches.filter(session__circle__kind=filters.kind)
    if filters.year is not None:
        matches = matches.filter(in_year(filters.year))
    if filters.subgroup:
        matches = matches.filter(Exists(Subgroup.objects.filter(outcome=OuterRef("pk"), name=filters.subgroup)))
    if filters.circle is not None:
        matches = matches.filter(session__circle__code=filters.circle)
    if not filters.query:
        return matches.order_by(*newest)
    if not uses_full_text():
        return matches.filter(search__text__icontains=filters.query).order_by(*newest)
    query = _query(filters)
    ranked = matches.filter(search__vector=query).annotate(rank=SearchRank(F("search__vector"), query))
    return ranked.order_by("-rank", *newest)


def kennisbank_results(reader: User | AnonymousUser, filters: Filters) -> tuple[list[int], list[Facet], bool]:
    """The keys of every match of `filters` among the verslagen `reader` may read, best first,
    their facets, and whether they are current (see kennisbank_page).

    Ranking and counting read every match, so both come from the shared cache, counted again by the
    worker after a verslag, circle or session changes (leerkring/core/figures.py). Readers who read
    the same verslagen share them; the language is part of the key, as the facets' labels are
    translated.
    """
    (keys, facets), current = cached_figures.get_with_currency("kennisbank", reader, (get_language(), filters))
    return keys, facets, current


def kennisbank_count(reader: User | AnonymousUser, asked: tuple[str, Filters]) -> tuple[list[int], list[Facet]]:
    """What kennisbank_results keeps: the search and its facets, in the language it was asked in."""
    language, filters = asked
    with translation.override(language):
        keys = kennisbank_keys(kennisbank_matches(outcomes_readable_by(reader), filters))
        return keys, kennisbank_facets(keys, filters)


def kennisbank_key(reader: User | AnonymousUser, asked: tuple[str, Filters]) -> str:
    language, filters = asked
    return f"{kennisbank_readers(reader)}:{language}:{cached_figures.hashed(filters.params())}"


def kennisbank_keys(matches: QuerySet[Outcome]) -> list[int]:
    """The keys of every match in order: the search and its ranking run once, here; the count,
    the page and the facets then work from these keys instead of searching again."""
    return list(matches.values_list("pk", flat=True))


def kennisbank_page(keys: list[int], filters: Filters, *, readable: QuerySet[Outcome] | None = None) -> list[Outcome]:
    """The hits of one page (`keys` in their order): circle, session, bouwstenen, and on
    PostgreSQL the snippet. Keys from before the last change (kennisbank_results) may hold a
    verslag since withdrawn: then only those among `readable`, what the reader may read now."""
    rows = (
        Outcome.objects.filter(pk__in=keys)
        .select_related("session__circle", "search")
        .prefetch_related("session__circle__building_blocks")
    )
    if readable is not None:
        # Asked per hit (a subquery on its key), not as a filter: as a filter PostgreSQL's plan
        # hashes every circle to check a page of twenty.
        rows = rows.annotate(readable_now=Exists(readable.filter(pk=OuterRef("pk"))))
    if filters.query and uses_full_text():
        headline = SearchHeadline(
            "search__text",
            _query(filters),
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        rows = rows.annotate(headline=headline)
    position = {key: number for number, key in enumerate(keys)}
    shown = [row for row in rows if readable is None or getattr(row, "readable_now", False)]
    return sorted(shown, key=lambda row: position[row.pk])


def snippet(outcome: Outcome, filters: Filters) -> SafeString:
    """The hit's text around the match, escaped, with only <mark> added; '' without a query."""
    if not filters.query:
        return mark_safe("")
    headline = getattr(outcome, "headline", None)
    if headline is not None:
        marked = _lines_joined(escape(headline).replace(START, "<mark>").replace(STOP, "</mark>"))
        return mark_safe(marked)  # escaped above; only our own <mark> added
    search = getattr(outcome, "search", None)
    return _plain_snippet(search.text if search else "", filters.query)


def _lines_joined(text: str) -> str:
    """The stored text has one point per line; in a snippet they read as one line, points apart."""
    return " · ".join(line.strip() for line in text.splitlines() if line.strip())


def _plain_snippet(text: str, query: str) -> SafeString:
    """SQLite: the stretch of text around the first match, the match marked."""
    at = text.lower().find(query.lower())
    if at < 0:
        return mark_safe(_lines_joined(escape(text[:SNIPPET_CHARS])))  # escaped
    begin = max(0, at - SNIPPET_CHARS // 2)
    end = min(len(text), at + len(query) + SNIPPET_CHARS // 2)
    before, match, after = text[begin:at], text[at : at + len(query)], text[at + len(query) : end]
    lead, tail = ("… " if begin else ""), (" …" if end < len(text) else "")
    marked = _lines_joined(f"{lead}{escape(before)}<mark>{escape(match)}</mark>{escape(after)}{tail}")
    return mark_safe(marked)  # every piece escaped


def _key_set(keys: list[int]) -> list[int] | RawSQL:
    """`keys` for an IN: on PostgreSQL one array parameter, not one parameter per key (at thousands
    of hits, quoting each key cost more than the facets' SQL)."""
    if not uses_full_text():
        return keys
    return RawSQL("SELECT unnest(%s::bigint[])", (keys,))


def kennisbank_facets(keys: list[int], filters: Filters) -> list[Facet]:
    """Counts of the matching verslagen (`keys`) per bouwsteen, soort, year, subgroup and circle;
    each value links to the search narrowed to it (or, when chosen, back without it)."""
    found = Outcome.objects.filter(pk__in=_key_set(keys))
    return [
        _block_facet(found, filters),
        _kind_facet(found, filters),
        _year_facet(found, filters),
        _subgroup_facet(found, filters),
        _circle_facet(found, filters),
    ]


def _values(rows: Iterable[tuple[Any, str, int]], filters: Filters, field: str, chosen: Any) -> list[FacetValue]:
    return [
        FacetValue(
            label=label,
            count=count,
            selected=value == chosen,
            url="?" + filters.params(**{field: None if value == chosen else value}),
        )
        for value, label, count in rows
    ]


def _block_facet(found: QuerySet[Outcome], filters: Filters) -> Facet:
    counts = (
        BuildingBlock.objects.filter(circles__sessions__outcome__in=found)
        .annotate(n=Count("circles__sessions__outcome", distinct=True))
        .order_by("number")
    )
    rows = [(block.number, f"{block.number}. {block.name}", block.n) for block in counts]
    return Facet("bouwsteen", _("Bouwsteen"), _values(rows, filters, "block", filters.block))


def _kind_facet(found: QuerySet[Outcome], filters: Filters) -> Facet:
    counts = found.values("session__circle__kind").annotate(n=Count("pk")).order_by("session__circle__kind")
    labels = dict(Circle.Kind.choices)
    rows = [(row["session__circle__kind"], str(labels[row["session__circle__kind"]]), row["n"]) for row in counts]
    return Facet("soort", _("Soort"), _values(rows, filters, "kind", filters.kind))


def _year_facet(found: QuerySet[Outcome], filters: Filters) -> Facet:
    counts = found.annotate(year=ExtractYear("session__date")).values("year").annotate(n=Count("pk")).order_by("-year")
    rows = [(row["year"], str(row["year"]), row["n"]) for row in counts]
    return Facet("jaar", _("Periode"), _values(rows, filters, "year", filters.year))


def _subgroup_facet(found: QuerySet[Outcome], filters: Filters) -> Facet:
    counts = (
        Subgroup.objects.filter(outcome__in=found)
        .values("name")
        .annotate(n=Count("outcome", distinct=True))
        .order_by("-n", "name")[:FACET_LIMIT]
    )
    rows = [(row["name"], row["name"], row["n"]) for row in counts]
    return Facet("subgroep", _("Subgroep"), _values(rows, filters, "subgroup", filters.subgroup))


def _circle_facet(found: QuerySet[Outcome], filters: Filters) -> Facet:
    counts = (
        found.values("session__circle__code", "session__circle__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "session__circle__name")[:FACET_LIMIT]
    )
    rows = [(row["session__circle__code"], row["session__circle__name"], row["n"]) for row in counts]
    return Facet("leerkring", _("Leerkring"), _values(rows, filters, "circle", filters.circle))

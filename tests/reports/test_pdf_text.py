"""The PDF templates' text filters."""

from __future__ import annotations

from reports.templatetags.pdf_text import shorten


def test_a_short_text_stays_whole() -> None:
    assert shorten("Leerkring Charlois", 72) == "Leerkring Charlois"


def test_a_long_text_is_cut_at_the_last_word_that_fits_with_an_ellipsis() -> None:
    assert shorten("Samenwerking in een interdisciplinair team", 30) == "Samenwerking in een…"


def test_a_dangling_dash_or_comma_goes_before_the_ellipsis() -> None:
    assert shorten("Leerkring 1 - Methodiekontwikkeling", 14) == "Leerkring 1…"


def test_one_word_longer_than_the_limit_is_cut_inside_it() -> None:
    assert shorten("Methodiekontwikkeling", 10) == "Methodiek…"
    assert len(shorten("Methodiekontwikkeling", 10)) == 10

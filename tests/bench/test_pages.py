"""The pages section's tables, from figures made up for the test."""

from __future__ import annotations

import pytest

from tests.bench.load import Timings
from tests.bench.pages import PAGES, Result, print_comparison, print_size


def result(page_ms: float, bare_ms: float, size: int, queries: int = 5) -> Result:
    timings = {c: Timings(page=[page_ms / 1000] * 3, bare=[bare_ms / 1000] * 3, bytes=size, rounds=3) for c in (1, 4)}
    return Result(PAGES[0], queries, timings)


def test_a_page_row_shows_queries_bytes_and_p50_p95_and_ratio_per_concurrency(
    capsys: pytest.CaptureFixture[str],
) -> None:
    print_size([result(page_ms=50, bare_ms=2, size=21_000)])

    row = capsys.readouterr().out.splitlines()[-1]
    assert row.split() == [
        "catalogue",
        "/",
        "5",
        "21,000",
        "|",
        "50.0",
        "50.0",
        "25.0",
        "|",
        "50.0",
        "50.0",
        "25.0",
        "|",
        "3/3",
    ]


def test_the_comparison_divides_the_largest_size_by_the_smallest(capsys: pytest.CaptureFixture[str]) -> None:
    print_comparison([result(50, 2, 20_000)], [result(300, 3, 30_000)], (100, 5000))

    out = capsys.readouterr().out
    assert "Pages from 100 to 5,000 circles" in out
    figures = out.splitlines()[-1].split()
    assert figures == [
        "catalogue",
        "/",
        "5",
        "→",
        "5",
        "20,000",
        "→",
        "30,000",
        "1.50",
        "50.0",
        "→",
        "300.0",
        "6.00",
        "25.0",
        "→",
        "100.0",
        "4.00",
    ]

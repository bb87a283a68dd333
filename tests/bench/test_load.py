"""The load client's figures."""

from __future__ import annotations

from tests.bench.load import Timings, p95


def test_p95_is_the_nearest_rank() -> None:
    assert p95([float(n) for n in range(1, 21)]) == 19.0
    assert p95([3.0, 1.0, 2.0]) == 3.0


def test_the_ratio_is_the_page_median_over_the_bare_median_of_the_same_rounds() -> None:
    timings = Timings(page=[0.040, 0.050, 0.900], bare=[0.002, 0.001, 0.004])

    assert round(timings.ratio, 6) == 25.0

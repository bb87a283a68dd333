"""`make bench` still runs: every section once at a tiny size, and the figures it prints.

One size and no worker keep it short: the comparison of sizes is tested in test_pages.py, the
real worker in tests/reports/test_worker.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

from tests.bench.pages import PAGES

FIGURE = r"median\s+\d+\.\d\d s"
TIMINGS = r"\|\s+\d+\.\d\s+\d+\.\d\s+\d+\.\d\s+"  # p50 ms, p95 ms, ×bare


@pytest.fixture(scope="module")
def output() -> str:
    env = {
        **os.environ,
        "BENCH_SIZES": "20",
        "BENCH_ROUNDS": "1",
        "RUNS": "1",
        "WORKER_RUNS": "0",
        "MEMORY_REPORTS": "0",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_every_page_has_queries_bytes_and_timings_at_both_concurrencies(output: str) -> None:
    assert "Pages at 20 circles" in output
    for page in [("bare view (static template)", False), *((page.label, True) for page in PAGES)]:
        label, counted = page
        figures = r"\d+\s+[\d,]+\s+" if counted else r"0\s+"
        rows = re.findall(rf"^{re.escape(label)}\s+{figures}{TIMINGS}{TIMINGS}", output, re.MULTILINE)
        assert len(rows) == 1, f"{label}:\n{output}"


def test_the_pdf_figures_are_printed(output: str) -> None:
    assert re.search(rf"^Session summary .*{FIGURE}", output, re.MULTILINE), output
    assert re.search(rf"^Circle report, 8 sessions.*{FIGURE}", output, re.MULTILINE), output
    largest = rf"^Largest verslag allowed \([\d,]+ chars, \d+ pages\).*{FIGURE}"
    assert re.search(largest, output, re.MULTILINE), output
    assert re.search(r"^PDF maken → klaar with a real worker: skipped \(WORKER_RUNS=0\)", output, re.MULTILINE), output
    assert re.search(r"^Worker memory over 0 session summaries: skipped", output, re.MULTILINE), output

"""`make bench` still runs: one short round, and the figures it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from django.conf import settings

FIGURE = r"median\s+\d+\.\d\d s"


def test_the_bench_prints_a_median_for_each_pdf() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "leerkring.settings", "DEBUG": "1", "RUNS": "1", "WORKER_RUNS": "1"}

    result = subprocess.run(
        [sys.executable, "-m", "tests.bench"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ", 1 runs each)" in out
    assert re.search(rf"^Session summary .*{FIGURE}", out, re.MULTILINE), out
    assert re.search(rf"^Circle report, 8 sessions.*{FIGURE}", out, re.MULTILINE), out
    # With Redis and PostgreSQL the bench also times a real worker; without them it says it skipped.
    assert re.search(rf"^PDF maken → klaar.*({FIGURE}|skipped)", out, re.MULTILINE), out

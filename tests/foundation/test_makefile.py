"""`make run` and `make test` as a developer uses them."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]


def _site_url_of_make_run(port: str, **environment: str) -> str:
    """The SITE_URL the dev server of `make run` gets: its command line from `make -n`, run by the shell."""
    require_service(shutil.which("make") is not None, "make is missing")
    dry = subprocess.run(
        ["make", "-n", "run", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    [server] = [line for line in dry.stdout.splitlines() if "runserver" in line]
    assignments = server.split(" .venv/bin/python")[0]
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"} | environment
    shown = subprocess.run(
        ["sh", "-c", f"{assignments} sh -c 'printf %s \"$SITE_URL\"'"], env=env, capture_output=True, text=True
    )
    return shown.stdout


@pytest.mark.parametrize(
    ("port", "environment", "expected"),
    [
        ("8080", {}, "http://127.0.0.1:8080"),
        ("8000", {}, "http://127.0.0.1:8000"),
        ("8080", {"SITE_URL": "https://leerkring.example.nl"}, "https://leerkring.example.nl"),
    ],
)
def test_make_run_points_mail_links_at_its_port_unless_site_url_is_set(
    port: str, environment: dict[str, str], expected: str
) -> None:
    assert _site_url_of_make_run(port, **environment) == expected


def test_pytest_prints_why_a_test_was_skipped() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    assert "-rs" in options.split()

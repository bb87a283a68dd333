"""The apps stay in layers: `make test` runs import-linter, and its contract fails on an upward import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["leerkring", "buildingblocks", "circles", "sessions", "reports"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(source: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=source,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_of_the_apps(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_the_contract_names_the_layers_from_the_composition_root_down() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    [contract] = config["contracts"]
    assert contract["type"] == "layers"
    assert contract["layers"] == [
        "leerkring.urls | leerkring.management",
        "reports",
        "sessions",
        "circles",
        "buildingblocks",
        "leerkring.core",
    ]
    assert "lint-imports" in (ROOT / "Makefile").read_text()


def test_the_code_keeps_the_layers(tmp_path: Path) -> None:
    result = _lint(_copy_of_the_apps(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_circles_importing_reports_breaks_the_contract(tmp_path: Path) -> None:
    source = _copy_of_the_apps(tmp_path)
    (source / "circles" / "upward.py").write_text("from reports.models import Report\n\n__all__ = ['Report']\n")
    result = _lint(source)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "circles.upward -> reports.models" in result.stdout


def test_project_glue_importing_an_app_breaks_the_contract(tmp_path: Path) -> None:
    source = _copy_of_the_apps(tmp_path)
    (source / "leerkring" / "core" / "upward.py").write_text("import circles.models  # noqa: F401\n")
    result = _lint(source)
    assert result.returncode != 0
    assert "leerkring.core.upward -> circles.models" in result.stdout

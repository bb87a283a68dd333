"""The English catalogue is complete and the committed .mo file is compiled from it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import require_service

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"


def test_every_english_string_is_translated_and_compiled(tmp_path: Path) -> None:
    require_service(shutil.which("msgfmt") is not None, "msgfmt is missing (apt-get install gettext)")
    compiled = tmp_path / "django.mo"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(compiled), str(CATALOGUE / "django.po")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    assert compiled.read_bytes() == (CATALOGUE / "django.mo").read_bytes(), "run `make messages` and commit"

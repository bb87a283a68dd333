"""Report tests: every test gets its own REPORTS_ROOT; PDFs are read back with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from pytest_django.fixtures import Settings

from circles.models import Circle
from tests.conftest import require_service
from tests.factories import make_report_circle


@pytest.fixture(autouse=True)
def reports_root(tmp_path: Path, settings: Settings) -> Path:
    root = tmp_path / "reports"
    settings.REPORTS_ROOT = root
    return root


def poppler(tool: str, pdf: bytes, *args: str) -> str:
    """Run pdftotext, pdfinfo or pdffonts on the PDF and return what it prints."""
    require_service(shutil.which(tool) is not None, f"{tool} is missing (apt-get install poppler-utils)")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        output = ["-"] if tool == "pdftotext" else []
        result = subprocess.run([tool, *args, file.name, *output], capture_output=True, check=True, timeout=60)
    return result.stdout.decode()


def pdf_text(pdf: bytes, *, layout: bool = True) -> str:
    """pdftotext (-layout, or -raw: content order, for tables), hyphenated words joined, spaces collapsed."""
    text = poppler("pdftotext", pdf, "-layout" if layout else "-raw")
    text = re.sub(r"(?<=\w)\u2010\n\s*", "", text)
    return re.sub(r"\s+", " ", text)


def qr_codes(pdf: bytes) -> list[str]:
    """What the QR codes on the PDF's pages say, read back from the pages as a phone's camera would."""
    import zxingcpp
    from PIL import Image

    require_service(shutil.which("pdftoppm") is not None, "pdftoppm is missing (apt-get install poppler-utils)")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "150", "-png", source, Path(folder) / "page"], check=True, timeout=60)
        found = []
        for page in sorted(Path(folder).glob("page*.png")):
            with Image.open(page) as image:
                found += [
                    code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode
                ]
    return found


def assert_in_order(text: str, expected: list[str]) -> None:
    position = 0
    for item in expected:
        found = text.find(item, position)
        assert found >= 0, f"{item!r} not found after position {position}: …{text[position : position + 300]}"
        position = found + len(item)


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> Circle:
    return make_report_circle(projectleider, [projectleider, begeleider])

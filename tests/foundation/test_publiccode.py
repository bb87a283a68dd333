"""publiccode.yml carries the standard's required keys, in Dutch and English; LICENSE is the full EUPL-1.2."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
# Required by the publiccode.yml standard (0.4) at the top level and per language.
REQUIRED = ["publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus", "softwareType"]
REQUIRED_PER_LANGUAGE = ["shortDescription", "longDescription", "features"]
DEVELOPMENT_STATUSES = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web", "standalone/backend",
                  "standalone/other", "addon", "library", "configurationFiles"}  # fmt: skip


def publiccode() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    return data


def test_publiccode_has_every_required_key_with_an_allowed_value() -> None:
    data = publiccode()
    assert [key for key in REQUIRED if not data.get(key)] == []
    assert data["publiccodeYmlVersion"] == "0.4"
    assert data["url"].startswith("https://")
    assert data["developmentStatus"] in DEVELOPMENT_STATUSES
    assert data["softwareType"] in SOFTWARE_TYPES
    assert data["maintenance"]["type"] in {"internal", "contract", "community", "none"}
    assert data["maintenance"]["contacts"], "internal maintenance names a contact"
    assert data["localisation"]["localisationReady"] is True
    assert data["localisation"]["availableLanguages"] == ["nl", "en"]


def test_publiccode_describes_leerkring_in_dutch_and_english() -> None:
    description = publiccode()["description"]
    assert set(description) == {"nl", "en"}
    for language in ("nl", "en"):
        text = description[language]
        assert [key for key in REQUIRED_PER_LANGUAGE if not text.get(key)] == []
        assert len(text["shortDescription"]) <= 150
        assert 150 <= len(text["longDescription"]) <= 10000
    assert "leerkringen" in description["nl"]["longDescription"]


def test_publiccode_licence_and_version_match_the_project() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    data = publiccode()
    assert data["legal"]["license"] == project["license"] == "EUPL-1.2"
    assert data["softwareVersion"] == project["version"]


def test_the_licence_file_is_the_full_eupl_1_2() -> None:
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "15.Applicable Law" in text
    assert "All other changes or additions to this Appendix require the production of a new EUPL version." in text
    assert len(text) > 13000

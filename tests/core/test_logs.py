"""LOG_FORMAT=json: one JSON object a line, each line of a request carrying the request id the response echoes."""

from __future__ import annotations

import copy
import io
import json
import logging
import logging.config
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.fixtures import Settings

from leerkring.core.logs import HEADER
from tests.foundation.test_settings import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The project's LOGGING with LOG_FORMAT=json, its console handler writing to a buffer."""
    config: dict[str, Any] = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "json"
    logging.config.dictConfig(config)
    stream = io.StringIO()
    (console,) = logging.getLogger().handlers
    assert isinstance(console, logging.StreamHandler)
    console.setStream(stream)
    try:
        yield stream
    finally:
        logging.config.dictConfig(settings.LOGGING)


def lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_every_line_of_a_request_carries_the_id_the_response_echoes(client: Client, json_log: io.StringIO) -> None:
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    request_id = response[HEADER]
    assert len(request_id) == 32
    logged = lines(json_log)
    assert logged, "Django logs the 404"
    assert all(line["request_id"] == request_id for line in logged)
    assert logged[0]["level"] == "WARNING"
    assert logged[0]["logger"] == "django.request"
    assert logged[0]["message"] == "Not Found: /bestaat-niet/"


def test_lines_outside_a_request_have_an_empty_request_id(json_log: io.StringIO) -> None:
    logging.getLogger("leerkring").warning("buiten een verzoek")
    assert lines(json_log)[-1]["request_id"] == ""


def test_each_request_gets_its_own_id(client: Client) -> None:
    assert client.get("/bouwstenen/")[HEADER] != client.get("/bouwstenen/")[HEADER]


def test_a_trusted_proxy_passes_its_request_id_on(client: Client, settings: Settings, json_log: io.StringIO) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    response = client.get("/bestaat-niet/", HTTP_X_REQUEST_ID="nginx-4f2a9c")
    assert response[HEADER] == "nginx-4f2a9c"
    assert {line["request_id"] for line in lines(json_log)} == {"nginx-4f2a9c"}


def test_without_a_trusted_proxy_a_visitors_request_id_is_ignored(client: Client) -> None:
    assert client.get("/bouwstenen/", HTTP_X_REQUEST_ID="door-mij-gekozen")[HEADER] != "door-mij-gekozen"


def test_a_malformed_request_id_from_the_proxy_is_replaced(client: Client, settings: Settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/bouwstenen/", HTTP_X_REQUEST_ID="a b\nc")[HEADER] != "a b\nc"


def test_log_format_json_is_what_the_settings_configure_and_a_typo_stops_start_up() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {"DEBUG": "1"}
    probe = "import leerkring.settings as s; print(s.LOGGING['handlers']['console']['formatter'])"
    chosen = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env={**env, "LOG_FORMAT": "json"}, capture_output=True, text=True
    )
    assert chosen.stdout.strip() == "json", chosen.stderr
    typo = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env={**env, "LOG_FORMAT": "jsn"}, capture_output=True, text=True
    )
    assert typo.returncode != 0
    assert "LOG_FORMAT must be text or json" in typo.stderr

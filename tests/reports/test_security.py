"""User text stays text in a PDF, and WeasyPrint fetches nothing but our static files and data: URIs."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User

from circles.models import Circle
from reports import pdf, services
from reports.models import Report
from sessions.models import Section
from tests.factories import first_session, record_outcome
from tests.reports.conftest import pdf_text, poppler

pytestmark = pytest.mark.django_db


@dataclass
class Listener:
    """A TCP port on 127.0.0.1 that records every connection made to it."""

    port: int
    connections: list[tuple[str, int]] = field(default_factory=list)


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        server.bind(("127.0.0.1", 9))  # the port the issue names (needs root)
    except OSError:
        server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    found = Listener(port=server.getsockname()[1])
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, address = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            found.connections.append(address)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield found
    stop.set()
    thread.join(timeout=2)
    server.close()


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every URL WeasyPrint asks our fetcher for, with 'ok' or the refusal."""
    calls: list[tuple[str, str]] = []
    real = pdf.StaticOnlyFetcher.fetch

    def recording(self: pdf.StaticOnlyFetcher, url: str, headers: Any = None) -> Any:
        try:
            response = real(self, url, headers)
        except Exception as exc:
            calls.append((url, type(exc).__name__))
            raise
        calls.append((url, "ok"))
        return response

    monkeypatch.setattr(pdf.StaticOnlyFetcher, "fetch", recording)
    return calls


def hostile(port: int) -> list[str]:
    return [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/hostname">',
        "<style>body { background: url(http://127.0.0.1:9/) }</style>",
        f"<style>@import url(http://127.0.0.1:{port}/x.css);</style>",
        '<base href="file:///etc/">',
        '<img src="passwd">',
    ]


def test_html_and_css_in_an_outcome_render_as_literal_text(
    circle: Circle,
    projectleider: User,
    listener: Listener,
    fetched: list[tuple[str, str]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    lines = hostile(listener.port)
    session = first_session(circle)
    outcome = record_outcome(
        session,
        central_question=lines[0],
        introduction="\n".join(lines),
        method=lines[2],
        parts="\n".join(lines),
    )
    Section.objects.create(outcome=outcome, heading=lines[4], items="\n".join(lines))

    with django_capture_on_commit_callbacks(execute=True):
        report, _reused = services.report_request(
            kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session, user=projectleider
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    data = report.file.read()
    text = pdf_text(data)

    for line in lines:
        assert line in text
    assert fetched == [("leerkring-static:/reports/pdf.css", "ok")]
    assert listener.connections == []
    assert "0 embedded files" in poppler("pdfdetach", data, "-list")


def test_the_fetcher_refuses_files_hosts_and_escapes_even_in_raw_html(
    listener: Listener, fetched: list[tuple[str, str]]
) -> None:
    """Defence in depth: were markup ever to get through unescaped, nothing outside our static files loads."""
    port = listener.port
    html = f"""<!doctype html><html lang="nl"><head><title>t</title>
      <base href="file:///etc/">
      <link rel="stylesheet" href="http://127.0.0.1:{port}/a.css">
      <link rel="attachment" href="file:///etc/hostname">
      <style>@import url("https://127.0.0.1:{port}/b.css"); p {{ background: url(ftp://127.0.0.1:{port}/c) }}</style>
      </head><body><p>Tekst</p>
      <img src="group" alt="">
      <img src="file:///etc/passwd" alt="">
      <img src="leerkring-static:/../../../../etc/passwd" alt="">
      <img src="leerkring-static://127.0.0.1:{port}/reports/pdf.css" alt="">
      <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E" alt="">
      </body></html>"""

    data = pdf.html_to_pdf(html)

    outcomes = dict(fetched)
    assert outcomes.pop("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E") == "ok"
    assert outcomes == {
        f"http://127.0.0.1:{port}/a.css": "AssetRefused",
        "file:///etc/hostname": "AssetRefused",
        f"https://127.0.0.1:{port}/b.css": "AssetRefused",
        f"ftp://127.0.0.1:{port}/c": "AssetRefused",
        "file:///etc/group": "AssetRefused",
        "file:///etc/passwd": "AssetRefused",
        "leerkring-static:/../../../../etc/passwd": "AssetRefused",
        f"leerkring-static://127.0.0.1:{port}/reports/pdf.css": "AssetRefused",
    }
    assert listener.connections == []
    assert "0 embedded files" in poppler("pdfdetach", data, "-list")
    assert "Tekst" in pdf_text(data)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/",
        "https://example.org/font.woff",
        "leerkring-static:/reports/../../leerkring/settings.py",
        "leerkring-static:/reports/does-not-exist.css",
        "leerkring-static:/reports/pdf.css?x=1",
        "leerkring-static:/",
        "javascript:alert(1)",
    ],
)
def test_fetcher_refuses(url: str) -> None:
    with pytest.raises(pdf.AssetRefused):
        pdf.StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_our_static_files_and_data_uris() -> None:
    css = pdf.StaticOnlyFetcher().fetch("leerkring-static:/reports/pdf.css")
    assert b"@page" in css.read()
    assert css.content_type == "text/css"
    assert pdf.StaticOnlyFetcher().fetch("data:text/plain,hallo").read() == b"hallo"

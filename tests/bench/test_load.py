"""The load client, against a small HTTP server of the test's own on the loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.bench.load import BARE_BATCHES, Call, Load, Timings, UnexpectedResponse, p95


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow/":
            time.sleep(0.55)
        status = 500 if self.path == "/broken/" else 200
        body = b"x" * (100 if self.path == "/bare/" else 1000)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_every_round_measures_the_page_and_the_bare_view_alike(port: int) -> None:
    load = Load(port, Call("GET", "/bare/"), rounds=4, seconds=60)

    at_1 = load.interleaved(lambda: Call("GET", "/page/"), concurrency=1)
    at_4 = load.interleaved(lambda: Call("GET", "/page/"), concurrency=4)
    load.close()

    assert (at_1.rounds, len(at_1.page), len(at_1.bare), at_1.bytes) == (4, 4, 4, 1000)
    assert (at_4.rounds, len(at_4.page), len(at_4.bare)) == (2, 8, 8)


def test_a_slow_page_stops_after_its_time_but_not_before_two_rounds_with_more_bare_samples(port: int) -> None:
    load = Load(port, Call("GET", "/bare/"), rounds=20, seconds=0.1)

    timings = load.interleaved(lambda: Call("GET", "/slow/"), concurrency=1)
    load.close()

    assert (timings.rounds, len(timings.page), len(timings.bare)) == (2, 2, 2 * BARE_BATCHES)


def test_an_unexpected_status_stops_the_bench(port: int) -> None:
    load = Load(port, Call("GET", "/bare/"), rounds=1, seconds=60)

    with pytest.raises(UnexpectedResponse, match="500, expected 200"):
        load.interleaved(lambda: Call("GET", "/broken/"), concurrency=1)
    load.close()


def test_p95_is_the_nearest_rank() -> None:
    assert p95([float(n) for n in range(1, 21)]) == 19.0
    assert p95([3.0, 1.0, 2.0]) == 3.0


def test_the_ratio_is_the_page_median_over_the_bare_median_of_the_same_rounds() -> None:
    timings = Timings(page=[0.040, 0.050, 0.900], bare=[0.002, 0.001, 0.004])

    assert round(timings.ratio, 6) == 25.0

"""A small load client: threads and http.client against the bench server on the loopback.

A page is measured in rounds: `concurrency` requests to the page at once, then as many to the bare
view (the order alternates), so whatever else the machine does hits both alike. The ratio of their
medians is the figure that holds up under noise; the milliseconds alone do not.
"""

from __future__ import annotations

import http.client
import math
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

MIN_ROUNDS = 2
SLOW_BATCH = 0.5  # seconds
BARE_BATCHES = 5


class UnexpectedResponse(RuntimeError):
    pass


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    status: int = 200


@dataclass(frozen=True)
class Answer:
    seconds: float
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def fetch(port: int, call: Call) -> Answer:
    """One request on a new connection (gunicorn's sync workers close each one), timed to the last byte."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request(call.method, call.path, body=call.body or None, headers=call.headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    if response.status != call.status:
        raise UnexpectedResponse(
            f"{call.method} {call.path}: {response.status}, expected {call.status}\n{body[:500]!r}"
        )
    return Answer(seconds, response.status, response.headers, body)


def p95(values: list[float]) -> float:
    """Nearest rank: with 20 values the 19th, with fewer than 20 the largest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Timings:
    page: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    bytes: int = 0
    rounds: int = 0

    @property
    def p50(self) -> float:
        return statistics.median(self.page)

    @property
    def p95(self) -> float:
        return p95(self.page)

    @property
    def bare_p50(self) -> float:
        return statistics.median(self.bare)

    @property
    def ratio(self) -> float:
        """Page p50 over the bare view's p50 in the same rounds."""
        return self.p50 / self.bare_p50


class Load:
    def __init__(self, port: int, bare: Call, *, rounds: int, seconds: float) -> None:
        self.port = port
        self.bare = bare
        self.rounds = rounds
        self.seconds = seconds
        self.pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="bench-load")

    def close(self) -> None:
        self.pool.shutdown()

    def batch(self, calls: list[Call]) -> list[Answer]:
        if len(calls) == 1:
            return [fetch(self.port, calls[0])]
        return list(self.pool.map(lambda call: fetch(self.port, call), calls))

    def rounds_at(self, concurrency: int) -> int:
        """All rounds at concurrency 1, half as many at higher concurrency (still twice the requests)."""
        return self.rounds if concurrency == 1 else max(1, math.ceil(self.rounds / 2))

    def interleaved(self, page: Callable[[], Call], concurrency: int) -> Timings:
        """`rounds_at(concurrency)` rounds, or fewer (at least MIN_ROUNDS) once `seconds` have passed.

        A page slower than SLOW_BATCH gets few rounds; each of its rounds then holds BARE_BATCHES
        batches to the bare view, so the bare median does not rest on two samples.
        """
        timings = Timings()
        started = time.monotonic()
        for number in range(self.rounds_at(concurrency)):
            if number >= MIN_ROUNDS and time.monotonic() - started > self.seconds:
                break
            bare_first = number % 2 == 1
            if bare_first:
                timings.bare.extend(self.timed(self.bare, concurrency))
            answers = self.batch([page() for _ in range(concurrency)])
            timings.page.extend(answer.seconds for answer in answers)
            timings.bytes = max(len(answer.body) for answer in answers)
            slow = max(answer.seconds for answer in answers) > SLOW_BATCH
            for _ in range((BARE_BATCHES if slow else 1) - bare_first):
                timings.bare.extend(self.timed(self.bare, concurrency))
            timings.rounds += 1
        return timings

    def timed(self, call: Call, concurrency: int) -> list[float]:
        return [answer.seconds for answer in self.batch([call] * concurrency)]

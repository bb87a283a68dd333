"""Pages: SQL queries, bytes, p50/p95 at concurrency 1 and 4 and the ratio to the bare view, per size.

Queries are counted once per page through Django's test client (after the server's warm-up requests);
everything else is measured over HTTP against gunicorn. The data grows from the smallest size to the
largest, and the last table compares the two.
"""

from __future__ import annotations

import itertools
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerkring.core import figures
from tests.bench.context import BARE_PATH, Bench
from tests.bench.data import Targets
from tests.bench.load import Call, Load, Timings, fetch


@dataclass(frozen=True)
class Page:
    label: str
    url: Callable[[Targets], str]
    persona: str | None = None  # a user field of Targets; None: anonymous
    post: bool = False
    # Measured as the first view after a change: the figures the page keeps in the shared cache
    # (leerkring/core/figures.py) are out of date for every request, and a refresh is asked of the
    # worker (none runs here: the page shows the figures from before, as it does while the worker
    # counts). What the worker's count costs is measured on its own (`worker_count`).
    after_change: bool = False


PAGES = (
    Page("catalogue /", lambda t: reverse("circles:home")),
    Page("public circle page + form", lambda t: reverse("circles:public_detail", args=[t.public_circle])),
    Page("sign-up POST", lambda t: reverse("circles:public_detail", args=[t.signup_circle]), post=True),
    Page("circle overview (pl)", lambda t: reverse("circles:list"), "projectleider"),
    Page("circle page (pl)", lambda t: reverse("circles:detail", args=[t.running_circle]), "projectleider"),
    Page("sign-ups page (pl)", lambda t: reverse("circles:registrations", args=[t.running_circle]), "projectleider"),
    Page("Mijn bijeenkomsten (busy bg)", lambda t: reverse("sessions:mine"), "begeleider"),
    Page("bouwstenen (pl)", lambda t: reverse("buildingblocks:index"), "projectleider"),
    Page("bouwstenen, after a change", lambda t: reverse("buildingblocks:index"), "projectleider", after_change=True),
    Page("verslag page (pl)", lambda t: reverse("sessions:outcome", args=[t.established_session]), "projectleider"),
    Page("reports list (staf)", lambda t: reverse("reports:index"), "staf"),
    Page("kennisbank 'wijkteams' (staf)", lambda t: reverse("kennisbank:search") + "?q=wijkteams", "staf"),
    Page(
        "kennisbank 'wijkteams', after a change",
        lambda t: reverse("kennisbank:search") + "?q=wijkteams",
        "staf",
        after_change=True,
    ),
    Page("kennisbank newest (busy bg)", lambda t: reverse("kennisbank:search"), "begeleider"),
    # A facilitator's hits from before a change are checked again against what they may read now.
    Page("kennisbank newest, after a change", lambda t: reverse("kennisbank:search"), "begeleider", after_change=True),
    Page("kennisbank openbaar 'wmo'", lambda t: reverse("kennisbank:public") + "?q=wmo"),
)


@dataclass
class Result:
    page: Page
    queries: int
    timings: dict[int, Timings]  # by concurrency


@dataclass(frozen=True)
class WorkerCount:
    """The worker's count after a change: every figure the pages above viewed, counted again."""

    figures: int
    seconds: float  # median of WORKER_COUNTS runs


class Signups:
    """Valid public sign-ups, a new e-mail address each, with the CSRF pair a browser would send."""

    def __init__(self) -> None:
        self.numbers = itertools.count(1)
        self.started = ""  # the form's signed start time, from the page

    def fields(self) -> dict[str, str]:
        return {
            "first_name": "Bench",
            "last_name": "Aanmelder",
            "email": f"bench-aanmelding-{next(self.numbers)}@example.org",
            "phone": "",
            "organisation": "wijkteam",
            "team": "Charlois",
            "function": "wijkteammedewerker",
            "learning_question": "",
            "privacy": "on",
            "website": "",
            "started": self.started,
        }

    def caller(self, port: int, path: str) -> Callable[[], Call]:
        page = fetch(port, Call("GET", path))
        cookies: SimpleCookie = SimpleCookie()
        for header in page.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        cookie = cookies[settings.CSRF_COOKIE_NAME].value
        token = hidden_value(page.body, "csrfmiddlewaretoken")
        self.started = hidden_value(page.body, "started")
        headers = {
            "Cookie": f"{settings.CSRF_COOKIE_NAME}={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }

        def call() -> Call:
            body = urlencode({**self.fields(), "csrfmiddlewaretoken": token}).encode()
            return Call("POST", path, headers=headers, body=body, status=302)

        return call


def hidden_value(html: bytes, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"'.encode(), html)
    if found is None:
        raise RuntimeError(f"no {name} field on the sign-up page")
    return found.group(1).decode()


def run(bench: Bench) -> None:
    signups = Signups()
    results: dict[int, list[Result]] = {}
    counts_of_worker: dict[int, WorkerCount] = {}
    try:
        for size in bench.config.sizes:
            seconds = bench.data.grow_to(size)
            # The bulk load bypasses the signals: count the cached figures again, as the worker
            # does after a change, so the pages show this size's figures.
            figures.changed()
            figures.refresh()
            counts = ", ".join(f"{count:,} {name}" for name, count in bench.data.counts().items())
            print(f"\nPages at {size:,} circles ({counts}; written and analysed in {seconds:.1f} s)", flush=True)
            results[size] = measure_size(bench, signups, warm_up=size == bench.config.sizes[0])
            print_size(results[size])
            counts_of_worker[size] = worker_count()
            print(
                f"the worker's count after a change: {counts_of_worker[size].figures} figures viewed above,"
                f" {counts_of_worker[size].seconds * 1000:.0f} ms (in the background; pages show the figures"
                " from before until it is done)"
            )
    finally:
        purge_queued_tasks()
    if len(results) > 1:
        print_comparison(results[bench.config.sizes[0]], results[bench.config.sizes[-1]], bench.config.sizes)
        first, last = counts_of_worker[bench.config.sizes[0]], counts_of_worker[bench.config.sizes[-1]]
        print(
            f"{'worker count after a change':<30} {first.figures} → {last.figures} figures,"
            f" {first.seconds * 1000:.0f} → {last.seconds * 1000:.0f} ms, × {last.seconds / first.seconds:.2f}"
        )


def measure_size(bench: Bench, signups: Signups, *, warm_up: bool) -> list[Result]:
    targets = bench.data.targets()
    clients = {persona: logged_in(getattr(targets, persona)) for persona in ("projectleider", "staf", "begeleider")}
    anonymous = Client()
    port = bench.server().port
    load = Load(port, Call("GET", BARE_PATH), rounds=bench.config.rounds, seconds=bench.config.seconds)
    results = []
    try:
        for page in PAGES:
            url = page.url(targets)
            client = clients[page.persona] if page.persona else anonymous
            post = signups.caller(port, url) if page.post else None
            caller = post or getter(url, client)
            if page.after_change:
                caller = after_a_change(caller)
            if warm_up:  # a request for each worker: imports, templates, what a first visit creates
                load.batch([caller(), caller()])
            queries = count_queries(client, url, signups, post is not None, page.after_change)
            timings = {concurrency: load.interleaved(caller, concurrency) for concurrency in bench.config.concurrency}
            results.append(Result(page, queries, timings))
            if page.after_change:
                # The worker's count, done: the pages after this one see current figures again, as
                # they do once the worker has counted (else they were measured one change behind).
                figures.refresh()
    finally:
        load.close()
    return results


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def getter(url: str, client: Client) -> Callable[[], Call]:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    call = Call("GET", url, headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie.value}"} if cookie else {})
    return lambda: call


def after_a_change(caller: Callable[[], Call]) -> Callable[[], Call]:
    """Each request preceded by what any change of the data does to the cached figures."""

    def call() -> Call:
        figures.changed()
        return caller()

    return call


def count_queries(client: Client, url: str, signups: Signups, post: bool, after_change: bool = False) -> int:
    """The queries of one request through the test client, after one to warm this process's caches
    (content types, roles), as a running server has them."""
    if post:
        client.post(url, signups.fields())
    else:
        client.get(url)
    if after_change:
        figures.changed()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, signups.fields()) if post else client.get(url)
    status = response.status_code
    if status != (302 if post else 200):
        raise RuntimeError(f"{url} answered {status} in the test client")
    return len(queries)


WORKER_COUNTS = 3


def worker_count() -> WorkerCount:
    """What the refresh task does after a change (figures.refresh), run here: the median of a few."""
    times, counted = [], 0
    for _ in range(WORKER_COUNTS):
        figures.changed()
        started = time.perf_counter()
        counted = figures.refresh()
        times.append(time.perf_counter() - started)
    return WorkerCount(figures=counted, seconds=statistics.median(times))


def purge_queued_tasks() -> None:
    """The sign-up mails queued in the bench's own Redis database go: no worker is meant to send them."""
    if settings.REDIS_URL:
        from leerkring.celery import app

        app.control.purge()


# Output ------------------------------------------------------------------------------------------

HEAD = f"{'page':<30} {'queries':>7} {'bytes':>10} |"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def print_size(results: list[Result]) -> None:
    concurrencies = list(results[0].timings)
    print(HEAD + "".join(f" {f'c={c} p50 ms':>10} {'p95 ms':>8} {'×bare':>6} |" for c in concurrencies) + " rounds")
    bare = [f"  {ms(median_bare(results, c))}   {ms(p95_bare(results, c))} {1:6.1f} |" for c in concurrencies]
    print(f"{'bare view (static template)':<30} {0:>7} {'':>10} |" + "".join(bare))
    for result in results:
        cells = [f"  {ms(t.p50)}   {ms(t.p95)} {t.ratio:6.1f} |" for t in (result.timings[c] for c in concurrencies)]
        rounds = "/".join(str(result.timings[c].rounds) for c in concurrencies)
        size = result.timings[concurrencies[0]].bytes
        print(f"{result.page.label:<30} {result.queries:>7} {size:>10,} |" + "".join(cells) + f" {rounds}")


def median_bare(results: list[Result], concurrency: int) -> float:
    return Timings(page=[t for r in results for t in r.timings[concurrency].bare]).p50


def p95_bare(results: list[Result], concurrency: int) -> float:
    return Timings(page=[t for r in results for t in r.timings[concurrency].bare]).p95


def print_comparison(small: list[Result], large: list[Result], sizes: tuple[int, ...]) -> None:
    first, last = f"{sizes[0]:,}", f"{sizes[-1]:,}"
    print(f"\nPages from {first} to {last} circles (c=1 p50; ×bare → ×bare divides out the machine's own drift)")
    print(
        f"{'page':<30} {'queries':>9} {'bytes ' + first + ' → ' + last:>22} {'×':>6}"
        f" {'p50 ms ' + first + ' → ' + last:>22} {'×':>6} {'×bare → ×bare':>16} {'×':>6}"
    )
    for before, after in zip(small, large, strict=True):
        b, a = before.timings[1], after.timings[1]
        grown = a.bytes / b.bytes if b.bytes else 1.0
        print(
            f"{before.page.label:<30} {f'{before.queries} → {after.queries}':>9}"
            f" {f'{b.bytes:,} → {a.bytes:,}':>22} {grown:6.2f}"
            f" {f'{b.p50 * 1000:.1f} → {a.p50 * 1000:.1f}':>22} {a.p50 / b.p50:6.2f}"
            f" {f'{b.ratio:.1f} → {a.ratio:.1f}':>16} {a.ratio / b.ratio:6.2f}"
        )

"""PDFs: how long the reports take. Prints figures; asserts nothing about time.

- the median render time of a session summary and of a circle report with eight sessions;
- what "PDF maken" spends deciding reuse: the whole context hashed (before) against the fingerprint;
- the render time of the largest verslag the limits allow (tests/bench/largest.py), under 5 s;
- with REDIS_URL and PostgreSQL: the time from "PDF maken" to klaar with a real `celery worker`, and
  the worker's memory over MEMORY_REPORTS (500) session summaries: the most it held in each stretch
  of 50, which must stay flat (within 10 % over the last 300) as its children are replaced.
"""

from __future__ import annotations

import itertools
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from leerkring.core.roles import BEGELEIDER, PROJECTLEIDER
from reports import services
from reports.models import Report
from reports.pdf import render_pdf
from tests.bench.context import Bench
from tests.bench.data import Outcome, Session
from tests.bench.largest import fill_largest_verslag
from tests.conftest import make_user
from tests.factories import make_report_circle, record_attendance, record_outcome


def median_seconds(action: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def show(label: str, median: float, times: list[float]) -> None:
    each = ", ".join(f"{t:.2f}" for t in times)
    print(f"{label:<58} median {median:6.2f} s   ({each})", flush=True)


def run(bench: Bench) -> None:
    print(f"\nPDF reports ({bench.config.pdf_runs} runs each, {bench.config.worker_runs} through the worker)")
    session = bench_renders(bench.config.pdf_runs)
    bench_worker(session, bench.config.worker_runs)
    bench_worker_memory(session, bench.config.memory_reports)


def bench_renders(runs: int) -> Session:
    """Render in this process; returns the session whose summary was rendered."""
    leader = make_user("bench-pdf-pl", PROJECTLEIDER)
    circle = make_report_circle(leader, [leader, make_user("bench-pdf-bg", BEGELEIDER)], sessions=8)
    sessions = list(circle.sessions.all())
    for previous, session in itertools.pairwise(sessions):
        record_attendance(session)
        record_outcome(previous, established_at=session)
    record_attendance(sessions[0])

    summary = Report(kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=sessions[1], language="nl")
    whole = Report(kind=Report.Kind.CIRCLE_REPORT, circle=circle, include_personal_data=True, language="nl")

    def render(report: Report) -> Callable[[], bytes]:
        def run() -> bytes:
            context = services.report_context(report=report)
            with translation.override("nl"):
                return render_pdf(template_name=services.TEMPLATES[Report.Kind(report.kind)], context=context)

        return run

    render(summary)()  # warm up fonts and templates
    show("Session summary (context + render)", *median_seconds(render(summary), runs))
    show("Circle report, 8 sessions, 7 summaries (context + render)", *median_seconds(render(whole), runs))
    bench_request_decision(whole, runs)

    _, characters = fill_largest_verslag(sessions[-1])
    largest = Report(kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=sessions[-1], language="nl")
    pages = page_count(render(largest)())
    show(
        f"Largest verslag allowed ({characters:,} chars, {pages} pages), target < 5 s",
        *median_seconds(render(largest), runs),
    )
    return sessions[1]


def page_count(pdf: bytes) -> str:
    """The number of pages, as poppler's pdfinfo reads it ("?" without poppler)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        try:
            info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True, check=True).stdout
        except (FileNotFoundError, subprocess.CalledProcessError):
            return "?"
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return found.group(1) if found else "?"


def bench_request_decision(report: Report, runs: int) -> None:
    """What "PDF maken" spends in the web request to decide whether an earlier PDF still holds."""
    import hashlib
    import json

    from reports.fingerprint import report_fingerprint

    def whole_context() -> str:  # what the request did before: build the whole context, then hash it
        encoded = json.dumps(services.report_context(report=report), sort_keys=True, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()

    def fingerprint() -> str:
        return report_fingerprint(report, layout=services.layout_fingerprint())

    before, _ = median_seconds(whole_context, max(runs, 1) * 4)
    after, _ = median_seconds(fingerprint, max(runs, 1) * 4)
    print(
        f"{'Reuse decision, circle report: whole context + hash':<58} median {before * 1000:7.1f} ms\n"
        f"{'Reuse decision, circle report: fingerprint':<58} median {after * 1000:7.1f} ms"
        f"   ({before / after:.0f}× less)",
        flush=True,
    )


def bench_worker(session: Session, runs: int) -> None:
    from tests.reports.worker import own_redis_db, sending_to, start_worker, stop_worker

    redis_url = os.environ.get("REDIS_URL", "")
    if runs == 0:
        print("PDF maken → klaar with a real worker: skipped (WORKER_RUNS=0)")
        return
    if not redis_url or connection.vendor != "postgresql":
        print("PDF maken → klaar with a real worker: skipped (set REDIS_URL and DATABASE_URL to PostgreSQL)")
        return
    client = Client()
    client.force_login(session.circle.project_leader)
    with tempfile.TemporaryDirectory() as logs, sending_to(own_redis_db(redis_url)) as broker:
        worker = start_worker(broker, Path(settings.REPORTS_ROOT), Path(logs) / "worker.log")
        try:
            times = [time_one_request(client, session, run, worker) for run in range(runs + 1)][1:]
        finally:
            stop_worker(worker)
    show("PDF maken → klaar, real worker (session summary)", statistics.median(times), times)


def bench_worker_memory(session: Session, count: int) -> None:
    """Queue `count` session summaries at once to a real worker; print the most memory (resident, the
    worker and its pool children together) it held in each stretch of 50 finished reports."""
    from tests.reports.worker import own_redis_db, pool_children, sending_to, start_worker, stop_worker

    label = f"Worker memory over {count} session summaries"
    redis_url = os.environ.get("REDIS_URL", "")
    if count == 0:
        print(f"{label}: skipped (MEMORY_REPORTS=0)")
        return
    if not redis_url or connection.vendor != "postgresql":
        print(f"{label}: skipped (set REDIS_URL and DATABASE_URL to PostgreSQL)")
        return
    stretch = 50
    peaks: dict[int, int] = {}
    with tempfile.TemporaryDirectory() as logs, sending_to(own_redis_db(redis_url)) as broker:
        worker = start_worker(broker, Path(settings.REPORTS_ROOT), Path(logs) / "worker.log")
        try:
            ids = [queue_summary(session) for _ in range(count)]
            queued = Report.objects.filter(pk__in=ids)
            started = time.monotonic()
            done = 0
            while done < count:
                if worker.poll() is not None:
                    raise RuntimeError("the worker stopped")
                if time.monotonic() - started > count * 5:
                    raise RuntimeError(f"{done} of {count} reports finished in time")
                rss = sum(resident_kib(pid) for pid in [worker.pid, *pool_children(worker)])
                done = queued.filter(status__in=[Report.Status.DONE, Report.Status.FAILED]).count()
                block = min(done // stretch, count // stretch - 1)
                peaks[block] = max(peaks.get(block, 0), rss)
                time.sleep(0.2)
            failed = queued.filter(status=Report.Status.FAILED).count()
        finally:
            stop_worker(worker)
    elapsed = time.monotonic() - started
    row = "  ".join(f"{(block + 1) * stretch}: {kib / 1024:.0f}" for block, kib in sorted(peaks.items()))
    print(f"{label} ({elapsed:.0f} s, {failed} failed), MB at most per {stretch} done: {row}")
    last = [kib for block, kib in sorted(peaks.items()) if (block + 1) * stretch > count - 300]
    if len(last) >= 2:
        spread = max(last) / min(last) - 1
        print(f"{'Worker memory, spread over the last 300 reports':<58} {spread * 100:6.1f} %   (target ≤ 10 %)")


def queue_summary(session: Session) -> int:
    """A new summary report of `session` queued for the worker, as "PDF maken" queues one."""
    report = Report.objects.create(
        kind=Report.Kind.SESSION_SUMMARY,
        circle=session.circle,
        session=session,
        requested_by=session.circle.project_leader,
        language="nl",
    )
    services.report_enqueue(report_id=report.pk)
    return report.pk


def resident_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass  # a pool child that was just replaced
    return 0


def time_one_request(client: Client, session: Session, run: int, worker: subprocess.Popen[bytes]) -> float:
    from tests.reports.worker import wait_until_finished

    # New content each run, or the page would hand back the previous PDF (the fingerprint reads change times).
    Outcome.objects.filter(session=session).update(
        central_question=f"Centrale vraag, meting {run}", updated_at=timezone.now()
    )
    started = time.perf_counter()
    client.post(reverse("reports:request_session", args=[session.code]))
    report = Report.objects.order_by("-pk").first()
    assert report is not None
    if not wait_until_finished(report, worker, seconds=120) or report.status != Report.Status.DONE:
        raise RuntimeError(f"report {report.pk} ended {report.status}: {report.error}")
    return time.perf_counter() - started

"""`make bench`: how long the PDFs take. Prints figures; asserts nothing about time.

- the median render time of a session summary and of a circle report with eight sessions;
- what "PDF maken" spends deciding reuse: the whole context hashed (before) against the fingerprint;
- with REDIS_URL (and DATABASE_URL to PostgreSQL): the time from "PDF maken" to klaar with a
  real `celery worker` process.

Runs in a throwaway test database (Django's test-runner setup) and a temporary REPORTS_ROOT.
"""

from __future__ import annotations

import itertools
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Django is set up in main(); models are imported after that.
    import subprocess

    from django.contrib.auth.models import User
    from django.test import Client

    from circles.models import Session
    from reports.models import Report

# How often each figure is measured; a test of the bench itself sets both to 1.
RUNS = int(os.environ.get("RUNS", "5"))
WORKER_RUNS = int(os.environ.get("WORKER_RUNS", "3"))


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def show(label: str, median: float, times: list[float]) -> None:
    each = ", ".join(f"{t:.2f}" for t in times)
    print(f"{label:<58} median {median:6.2f} s   ({each})")


def bench_renders() -> None:
    from django.utils import translation

    from reports import services
    from reports.models import Report
    from reports.pdf import render_pdf
    from tests.factories import make_report_circle, record_attendance, record_outcome

    leader, facilitator = make_users()
    circle = make_report_circle(leader, [leader, facilitator], sessions=8)
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
    show("Session summary (context + render)", *median_seconds(render(summary)))
    show("Circle report, 8 sessions, 7 summaries (context + render)", *median_seconds(render(whole)))
    bench_request_decision(whole)


def bench_request_decision(report: Report) -> None:
    """What "PDF maken" spends in the web request to decide whether an earlier PDF still holds."""
    import hashlib
    import json

    from reports import services
    from reports.fingerprint import report_fingerprint

    def whole_context() -> str:  # what the request did before: build the whole context, then hash it
        encoded = json.dumps(services.report_context(report=report), sort_keys=True, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()

    def fingerprint() -> str:
        return report_fingerprint(report, layout=services.layout_fingerprint())

    runs = max(RUNS, 1) * 4
    before, _ = median_seconds(whole_context, runs)
    after, _ = median_seconds(fingerprint, runs)
    print(
        f"{'Reuse decision, circle report: whole context + hash':<58} median {before * 1000:7.1f} ms\n"
        f"{'Reuse decision, circle report: fingerprint':<58} median {after * 1000:7.1f} ms"
        f"   ({before / after:.0f}× less)"
    )


def make_users() -> tuple[User, User]:
    from leerkring.core.roles import BEGELEIDER, PROJECTLEIDER
    from tests.conftest import make_user

    return make_user("bench-pl", PROJECTLEIDER), make_user("bench-bg", BEGELEIDER)


def bench_worker(reports_root: Path) -> None:
    from django.db import connection
    from django.test import Client

    from sessions.models import Outcome
    from tests.reports.worker import own_redis_db, sending_to, start_worker, stop_worker

    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url or connection.vendor != "postgresql":
        print("PDF maken → klaar with a real worker: skipped (set REDIS_URL and DATABASE_URL to PostgreSQL)")
        return
    outcome = Outcome.objects.select_related("session__circle__project_leader").first()
    assert outcome is not None
    session = outcome.session
    client = Client()
    client.force_login(session.circle.project_leader)
    with tempfile.TemporaryDirectory() as logs, sending_to(own_redis_db(redis_url)) as broker:
        worker = start_worker(broker, reports_root, Path(logs) / "worker.log")
        try:
            times = [time_one_request(client, session, run, worker) for run in range(WORKER_RUNS + 1)][1:]
        finally:
            stop_worker(worker)
    show("PDF maken → klaar, real worker (session summary)", statistics.median(times), times)


def time_one_request(client: Client, session: Session, run: int, worker: subprocess.Popen[bytes]) -> float:
    from django.urls import reverse

    from reports.models import Report
    from sessions.models import Outcome
    from tests.reports.worker import wait_until_finished

    # New content each run, or the page would hand back the previous PDF.
    Outcome.objects.filter(session=session).update(central_question=f"Centrale vraag, meting {run}")
    started = time.perf_counter()
    client.post(reverse("reports:request_session", args=[session.code]))
    report = Report.objects.order_by("-pk").first()
    assert report is not None
    if not wait_until_finished(report, worker, seconds=120) or report.status != Report.Status.DONE:
        raise RuntimeError(f"report {report.pk} ended {report.status}: {report.error}")
    return time.perf_counter() - started


def main() -> int:
    reports_root = Path(tempfile.mkdtemp(prefix="leerkring-bench-reports-"))
    os.environ["REPORTS_ROOT"] = str(reports_root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    if connection.vendor != "sqlite":
        # A database of its own: a bench must not drop the one a running test suite uses.
        connection.settings_dict["TEST"]["NAME"] = f"test_{connection.settings_dict['NAME']}_bench"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(f"Leerkring PDF bench ({connection.vendor}, {RUNS} runs each)")
        bench_renders()
        bench_worker(reports_root)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        shutil.rmtree(reports_root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

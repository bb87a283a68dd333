"""Run the bench: python -m tests.bench (see tests/bench/__init__.py)."""

from __future__ import annotations

import importlib
import math
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from tests.bench.config import Config, own_redis_db

BASE_DIR = Path(__file__).resolve().parents[2]


def prepare_environment(var_dir: Path) -> None:
    """Production settings for this process and gunicorn alike; only the database and Redis are the bench's own."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "VAR_DIR": str(var_dir),
            "REPORTS_ROOT": str(var_dir / "reports"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            # Plain http on loopback, as behind a proxy that ends TLS: no redirect to https.
            "HTTPS": "0",
            # The sign-up POSTs come from one address, as fast as the server answers: the checks
            # still run on every POST, they just never refuse one.
            "SIGNUP_MIN_SECONDS": "0",
            "SIGNUP_RATE_LIMIT": "1000000000",
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        }
    )
    if os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = own_redis_db(os.environ["REDIS_URL"])


def collect_static() -> None:
    """DEBUG off serves pages with hashed static names, read from the manifest collectstatic writes."""
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(command, cwd=BASE_DIR, check=True)


def header(config: Config) -> str:
    from django.conf import settings
    from django.db import connection

    broker = "Redis broker and cache" if settings.REDIS_URL else "tasks in-process (no REDIS_URL)"
    sizes = ", ".join(f"{size:,}" for size in config.sizes)
    return (
        f"Leerkring bench: {connection.vendor}, gunicorn 2 sync workers, DEBUG off, {broker}; "
        f"{os.cpu_count()} cores\nsizes {sizes} circles × 6 sessions × 25 sign-ups; "
        f"a round: as many requests at once as the concurrency, to a page, then to the bare view (alternating); "
        f"{config.rounds} rounds at c=1, {math.ceil(config.rounds / 2)} at c=4, fewer (at least 2) after "
        f"{config.seconds:g} s\ntimes in ms to the last byte; ×bare = p50 over the bare view's p50 in the same rounds"
    )


def main() -> int:
    started = time.monotonic()
    config = Config.from_env()
    var_dir = Path(tempfile.mkdtemp(prefix="leerkring-bench-"))
    try:
        prepare_environment(var_dir)
        collect_static()
        import django

        django.setup()
        from tests.bench.context import Bench
        from tests.bench.database import own_database

        with own_database(var_dir) as database_url, ExitStack() as stack:
            print(header(config), flush=True)
            bench = Bench(config, var_dir, database_url, stack)
            for name in config.sections:
                importlib.import_module(f"tests.bench.{name}").run(bench)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(f"\nBench finished in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

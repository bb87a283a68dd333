"""The app under gunicorn, as in production: two sync workers, DEBUG off, the bench URLconf."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

WORKERS = 2
BASE_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Server:
    port: int
    log: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(*, database_url: str, log: Path, ready_path: str) -> Iterator[Server]:
    """Start gunicorn on a free loopback port with the current environment; stop it afterwards."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    command = [sys.executable, "-m", "gunicorn", "leerkring.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(WORKERS), "--timeout", "300", "--error-logfile", str(log)]
    command += ["--access-logfile", str(log.with_suffix(".access.log"))]
    process = subprocess.Popen(
        command, env=env, cwd=BASE_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        wait_until_ready(process, port, ready_path, log)
        yield Server(port=port, log=log)
    finally:
        stop(process)


def wait_until_ready(process: subprocess.Popen[bytes], port: int, path: str, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {process.returncode}):\n{tail(log)}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {path} within {seconds:.0f} s:\n{tail(log)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets the workers finish; whatever is left after 20 s is killed with its process group."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"

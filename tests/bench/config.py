"""What `make bench` measures and how often, from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

SECTIONS = ("pages", "pdf")


def env_ints(name: str, default: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in os.environ.get(name, default).split(",") if part.strip())


@dataclass(frozen=True)
class Config:
    sizes: tuple[int, ...]  # BENCH_SIZES: circles, smallest first
    rounds: int  # BENCH_ROUNDS: rounds of page and bare requests at concurrency 1; half as many at 4
    seconds: float  # BENCH_SECONDS: a page at one concurrency stops after this long (at least 2 rounds)
    sections: tuple[str, ...]  # BENCH_SECTIONS
    pdf_runs: int  # RUNS: renders per PDF figure
    worker_runs: int  # WORKER_RUNS: reports through a real worker
    memory_reports: int  # MEMORY_REPORTS: session summaries through a real worker, its memory watched
    concurrency: tuple[int, ...] = (1, 4)

    @classmethod
    def from_env(cls) -> Config:
        sections = tuple(os.environ.get("BENCH_SECTIONS", ",".join(SECTIONS)).split(","))
        unknown = set(sections) - set(SECTIONS)
        if unknown:
            raise SystemExit(f"BENCH_SECTIONS: unknown {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
        return cls(
            sizes=tuple(sorted(set(env_ints("BENCH_SIZES", "100,1000,5000")))),
            rounds=int(os.environ.get("BENCH_ROUNDS", "20")),
            seconds=float(os.environ.get("BENCH_SECONDS", "5")),
            sections=sections,
            pdf_runs=int(os.environ.get("RUNS", "5")),
            worker_runs=int(os.environ.get("WORKER_RUNS", "3")),
            memory_reports=int(os.environ.get("MEMORY_REPORTS", "500")),
        )


def own_redis_db(url: str) -> str:
    """The bench's own Redis database (TEST_REDIS_DB, as the worker tests use): queued sign-up mails
    must never reach a worker of another database, which would mail whoever has that primary key."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{os.environ.get('TEST_REDIS_DB', '12')}"))

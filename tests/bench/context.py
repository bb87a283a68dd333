"""What the sections of the bench share: the settings of the run, the data, and the server."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from tests.bench.config import Config
from tests.bench.data import BenchData
from tests.bench.server import Server, gunicorn

BARE_PATH = "/bench/bare/"


class Bench:
    def __init__(self, config: Config, var_dir: Path, database_url: str, stack: ExitStack) -> None:
        self.config = config
        self.var_dir = var_dir
        self.database_url = database_url
        self.data = BenchData()
        self._stack = stack
        self._server: Server | None = None

    def server(self) -> Server:
        """gunicorn, started on first use and stopped when the run ends (before its database is dropped)."""
        if self._server is None:
            log = self.var_dir / "gunicorn.log"
            self._server = self._stack.enter_context(
                gunicorn(database_url=self.database_url, log=log, ready_path=BARE_PATH)
            )
        return self._server

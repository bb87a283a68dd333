"""The bench's own database, created and dropped around the run; it never touches another one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote


@contextmanager
def own_database(var_dir: Path) -> Iterator[str]:
    """Create `test_<NAME>_bench` (PostgreSQL) or a SQLite file in var_dir, yield its URL, drop it.

    Through Django's test-database setup, as the test runner does; a bench of its own name, so it
    never drops the database a running test suite uses.
    """
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    test = connection.settings_dict["TEST"]
    test["NAME"] = (
        str(var_dir / "test_bench.sqlite3")
        if connection.vendor == "sqlite"
        else f"test_{connection.settings_dict['NAME']}_bench"
    )
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        name = str(connection.settings_dict["NAME"])
        if name != test["NAME"] or not Path(name).name.startswith("test_"):
            raise RuntimeError(f"refusing to write bench data into {name!r}: not the bench's own test database")
        yield database_url()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def database_url() -> str:
    """The current database as a DATABASE_URL, for the gunicorn workers."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"

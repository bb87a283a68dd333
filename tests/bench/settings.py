"""Bench settings: the production settings (DEBUG off), plus the bench URLconf with its bare view.

`python -m tests.bench` sets the environment (DEBUG=0, a random SECRET_KEY, VAR_DIR, the test
database) before Django reads this, for its own process and for gunicorn alike.
"""

import os
from pathlib import Path
from typing import cast

os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from leerkring.settings import *  # noqa: F403
from leerkring.settings import BASE_DIR, DATABASES, DEBUG, STORAGES, TEMPLATES

if DEBUG:
    raise RuntimeError("The bench measures the production settings: run it with DEBUG=0.")

ROOT_URLCONF = "tests.bench.urls"
TEMPLATES[0]["DIRS"] = [*cast("list[Path]", TEMPLATES[0]["DIRS"]), BASE_DIR / "tests" / "bench" / "templates"]
# The same manifest lookups as WhiteNoise's storage, without compressing every file at collectstatic
# (12 s instead of 1 s): the bench requests pages, never static files.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Four concurrent sign-ups on SQLite's deferred transactions end in "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE"}

"""The production settings serve pages with hashed static files, as the Docker image does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = """
import django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="leerkring.example.nl").get("/", secure=True)
print(response.status_code)
print(response.content.decode())
"""


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_collectstatic_as_in_the_dockerfile_lets_production_serve_the_start_page(tmp_path: Path) -> None:
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST"}
    base = {k: v for k, v in os.environ.items() if k not in unset} | {
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    build = {**base, "DEBUG": "0", "SECRET_KEY": "build-only"}
    assert manage(build, "manage.py", "collectstatic", "--noinput", "-v0").returncode == 0
    assert manage({**base, "DEBUG": "1"}, "manage.py", "migrate", "-v0").returncode == 0

    run = {**base, "DEBUG": "0", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "leerkring.example.nl"}
    result = manage({**run, "DJANGO_SETTINGS_MODULE": "leerkring.settings"}, "-c", PAGE)
    assert result.returncode == 0, result.stderr[-2000:]
    status, html = result.stdout.split("\n", 1)
    assert status == "200"
    assert "/static/css/leerkring." in html and ".css" in html
    assert 'href="/static/css/leerkring.css"' not in html  # the hashed name, from the manifest

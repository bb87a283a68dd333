"""Security headers on every URL of the permission matrix; `check --deploy` with the README's production env."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.http import HttpResponseBase
from django.test import Client
from pytest_django.fixtures import Settings

from tests.factories import build_world
from tests.permissions.rows import PERSONAS
from tests.permissions.test_matrix import all_rows

ROOT = Path(__file__).resolve().parents[2]
# The public pages where a visitor types or sees their own name and e-mail address.
SIGN_UP_FLOW = re.compile(r"^/(aanbod/[^/]+/(aangemeld/)?|afmelden/.*|accounts/login/)$")
ONE_YEAR = 365 * 24 * 3600
# No page: JSON for load balancers, answered before host checks and the page middleware.
NOT_A_PAGE = {"/health/"}


def directives(response: HttpResponseBase) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def header_problems(response: HttpResponseBase, *, personal: bool) -> list[str]:
    problems = []
    csp = directives(response) if response.has_header("Content-Security-Policy") else {}
    for directive in ("script-src", "style-src"):
        sources = csp.get(directive) or csp.get("default-src") or []
        if not sources or "'unsafe-inline'" in sources or "*" in sources:
            problems.append(f"{directive}: {sources}")
    if csp.get("frame-ancestors") != ["'none'"] or csp.get("object-src") != ["'none'"]:
        problems.append(f"frame-ancestors/object-src: {csp}")
    hsts = response.get("Strict-Transport-Security", "")
    match = re.search(r"max-age=(\d+)", hsts)
    if not match or int(match.group(1)) < ONE_YEAR or "includeSubDomains" not in hsts:
        problems.append(f"Strict-Transport-Security: {hsts!r}")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append(f"Permissions-Policy: {response.get('Permissions-Policy')!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options")
    if response.get("X-Frame-Options") != "DENY":
        problems.append("X-Frame-Options")
    if personal and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"Cache-Control: {response.get('Cache-Control')!r}")
    return problems


@pytest.mark.django_db
def test_every_url_of_the_permission_matrix_sends_the_security_headers_to_every_persona(
    client: Client,
    settings: Settings,
    projectleider: User,
    projectleider2: User,
    begeleider: User,
    begeleider2: User,
    staf: User,
    outsider: User,
    superuser: User,
) -> None:
    settings.SECURE_SSL_REDIRECT = True
    world = build_world(projectleider, begeleider, begeleider2)
    users = {
        "outsider": outsider,
        "staf": staf,
        "begeleider": begeleider,
        "begeleider2": begeleider2,
        "projectleider": projectleider,
        "projectleider2": projectleider2,
        "superuser": superuser,
    }
    problems: list[str] = []
    checked = 0
    for _, row in all_rows():
        url = row.url.format(**world.codes())
        if url in NOT_A_PAGE:
            continue
        for persona in PERSONAS:
            client.logout()
            if persona in users:
                client.force_login(users[persona])
            if row.method == "POST":
                response = client.post(url, row.data or {}, secure=True)
            else:
                response = client.get(url, secure=True)
            personal = persona != "anonymous" or bool(SIGN_UP_FLOW.match(url))
            problems += [f"{row.method} {url} as {persona}: {p}" for p in header_problems(response, personal=personal)]
            checked += 1
    assert checked >= 300
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(client: Client, settings: Settings) -> None:
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/bouwstenen/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/bouwstenen/"


@pytest.mark.django_db
def test_public_pages_without_personal_data_may_be_cached_and_static_files_keep_long_caching(client: Client) -> None:
    assert "no-store" not in client.get("/bouwstenen/").get("Cache-Control", "")
    static = client.get("/static/css/leerkring.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
    assert "max-age" in static.get("Cache-Control", "")


def readme_production_environment() -> dict[str, str]:
    """The .env the README's Production section writes, with a fresh SECRET_KEY as its command makes one."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"cat > \.env <<EOF\n(.*?)\nEOF", readme, re.S)
    assert block, "the README's Production section no longer writes .env"
    env = dict(line.split("=", 1) for line in block.group(1).splitlines() if "=" in line)
    assert env["SECRET_KEY"].startswith("$(")
    env["SECRET_KEY"] = secrets.token_urlsafe(50)
    return env


def test_check_deploy_with_the_readme_production_environment_reports_nothing(tmp_path: Path) -> None:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "OIDC_", "HTTPS"))}
    for name in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "EMAIL_BACKEND"):
        keep.pop(name, None)
    env = {
        **keep,
        **readme_production_environment(),
        # What docker-compose.yml adds; `check` opens no connection to either.
        "DATABASE_URL": "postgres://leerkring:leerkring@db:5432/leerkring",
        "REDIS_URL": "redis://redis:6379/0",
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "leerkring.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output, output


@pytest.mark.django_db
def test_health_is_not_cached_and_not_sniffed(client: Client) -> None:
    response = client.get("/health/", secure=True)
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"

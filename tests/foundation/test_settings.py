import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from leerkring import settings as project_settings

ROOT = Path(__file__).resolve().parents[2]


def run_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "EMAIL_HOST", "EMAIL_BACKEND"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-c", "import leerkring.settings"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_refuse_to_start_without_secret_key_when_debug_is_off() -> None:
    result = run_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "EMAIL_HOST": "smtp.example.nl"}


def test_settings_start_with_secret_key_and_mail_server_when_debug_is_off() -> None:
    result = run_settings(PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_settings_refuse_to_start_without_a_mail_server_when_debug_is_off() -> None:
    result = run_settings({**PRODUCTION, "EMAIL_HOST": ""})
    assert result.returncode != 0
    assert "EMAIL_HOST is required when DEBUG is off" in result.stderr


def test_an_outbox_claim_shorter_than_a_task_may_run_is_refused() -> None:
    result = run_settings({**PRODUCTION, "OUTBOX_CLAIM_SECONDS": "60"})
    assert result.returncode != 0
    assert "OUTBOX_CLAIM_SECONDS must exceed CELERY_TASK_TIME_LIMIT" in result.stderr


def test_an_explicit_mail_backend_replaces_the_mail_server() -> None:
    backend = "django.core.mail.backends.console.EmailBackend"
    result = run_settings({**PRODUCTION, "EMAIL_HOST": "", "EMAIL_BACKEND": backend})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"CELERY_TASK_SOFT_TIME_LIMIT": "120", "CELERY_TASK_TIME_LIMIT": "90"}, "must be below"),
        ({"REPORT_MAX_RETRIES": "-5"}, "REPORT_MAX_RETRIES must be at least 0"),
        ({"SIGNUP_RATE_LIMIT": "0"}, "SIGNUP_RATE_LIMIT must be at least 1"),
        ({"CELERY_WORKER_MAX_TASKS_PER_CHILD": "0"}, "CELERY_WORKER_MAX_TASKS_PER_CHILD must be at least 1"),
    ],
)
def test_numbers_that_make_no_sense_stop_start_up(env: dict[str, str], message: str) -> None:
    result = run_settings({**PRODUCTION, **env})
    assert result.returncode != 0
    assert message in result.stderr


def test_settings_start_without_secret_key_in_debug() -> None:
    result = run_settings({"DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_a_misspelled_boolean_stops_start_up() -> None:
    result = run_settings({"DEBUG": "ja"})
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_env_int_rejects_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_NUMBER", "tien")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be a whole number"):
        project_settings.env_int("SOME_NUMBER", 1)


def test_secret_can_come_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    assert project_settings.env_secret("SOME_SECRET") == "from-a-file"


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("sqlite:////srv/x.sqlite3", "django.db.backends.sqlite3", "/srv/x.sqlite3"),
        ("sqlite:///var/x.sqlite3", "django.db.backends.sqlite3", "var/x.sqlite3"),
        ("postgres://leerkring:geheim@db:5432/leerkring", "django.db.backends.postgresql", "leerkring"),
    ],
)
def test_database_url_is_parsed(url: str, engine: str, name: str) -> None:
    parsed = project_settings.database_from_url(url)
    assert parsed["ENGINE"] == engine
    assert parsed["NAME"] == name


def test_postgres_url_carries_credentials() -> None:
    parsed = project_settings.database_from_url("postgres://leerkring:ge%40heim@db:5433/lk")
    credentials = (parsed["USER"], parsed["PASSWORD"], parsed["HOST"], parsed["PORT"])
    assert credentials == ("leerkring", "ge@heim", "db", "5433")


def test_unknown_database_scheme_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="unsupported scheme"):
        project_settings.database_from_url("mysql://x@y/z")


def test_the_worker_replaces_its_children_before_memory_grows_without_bound() -> None:
    from leerkring.celery import app

    assert app.conf.worker_max_tasks_per_child == project_settings.CELERY_WORKER_MAX_TASKS_PER_CHILD == 100
    assert app.conf.worker_max_memory_per_child == project_settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD == 400_000

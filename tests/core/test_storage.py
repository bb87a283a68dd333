"""Generated PDFs live in the storage settings choose: the filesystem by default, an S3 bucket when set.

Either way a report has no URL of its own; the permission-checked download view hands it out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.contrib.auth.models import User
from django.core.files.storage import storages
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from leerkring.core.storage import reports_storage
from reports.models import Report
from tests.factories import first_session, make_report_circle, record_attendance, record_outcome
from tests.foundation.test_settings import ROOT
from tests.idp.server import free_port
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

BUCKET = "leerkring-rapporten"
KEYS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret", "region_name": "eu-west-1"}


def request_and_download(client: Client, user: User, captured: Any) -> tuple[Report, bytes]:
    circle = make_report_circle(user, [user])
    session = first_session(circle)
    record_attendance(session)
    record_outcome(session, central_question="Waar staat deze PDF?")
    client.force_login(user)
    with captured(execute=True):
        client.post(reverse("reports:request_session", args=[session.code]))
    report = Report.objects.get()
    assert report.status == Report.Status.DONE, report.error
    download = client.get(reverse("reports:download", args=[report.code]))
    assert download.status_code == 200
    assert isinstance(download, FileResponse)
    return report, b"".join(download.streaming_content)


def test_by_default_reports_are_files_under_reports_root_without_a_url(
    client: Client, projectleider: User, settings: Settings, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REPORTS_ROOT = tmp_path / "rapporten"
    report, pdf = request_and_download(client, projectleider, django_capture_on_commit_callbacks)
    assert "Waar staat deze PDF?" in pdf_text(pdf)
    assert (tmp_path / "rapporten" / str(report.file.name)).read_bytes() == pdf
    with pytest.raises(NotImplementedError):
        reports_storage.url(report.file.name)


@pytest.fixture
def s3_server(tmp_path: Path) -> Iterator[str]:
    """moto's S3-compatible server in a process of its own, on a free port, with an empty bucket."""
    port = free_port()
    log = (tmp_path / "moto.log").open("wb")
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        client = boto3.client("s3", endpoint_url=url, **KEYS)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def s3_settings(endpoint: str) -> dict[str, Any]:
    """What settings.py builds from REPORTS_S3_* (checked in the next test)."""
    return {
        "BACKEND": "leerkring.core.storage_s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "endpoint_url": endpoint,
            "region_name": "eu-west-1",
            "access_key": KEYS["aws_access_key_id"],
            "secret_key": KEYS["aws_secret_access_key"],
            "location": "reports",
        },
    }


def test_with_a_bucket_reports_are_rendered_into_it_and_downloaded_through_the_view(
    client: Client,
    projectleider: User,
    settings: Settings,
    tmp_path: Path,
    s3_server: str,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.REPORTS_ROOT = tmp_path / "niet-gebruikt"
    settings.STORAGES = {**settings.STORAGES, "reports": s3_settings(s3_server)}

    report, pdf = request_and_download(client, projectleider, django_capture_on_commit_callbacks)

    assert "Waar staat deze PDF?" in pdf_text(pdf)
    bucket = boto3.client("s3", endpoint_url=s3_server, **KEYS)
    stored = bucket.get_object(Bucket=BUCKET, Key=f"reports/{report.file.name}")
    assert stored["Body"].read() == pdf
    assert not (tmp_path / "niet-gebruikt").exists()
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=f"reports/{report.file.name}")
    assert not [grant for grant in acl["Grants"] if "AllUsers" in str(grant.get("Grantee", {}))]
    with pytest.raises(NotImplementedError):
        reports_storage.url(report.file.name)
    assert type(storages["reports"]).__name__ == "PrivateS3Storage"


def test_reports_s3_variables_choose_the_bucket() -> None:
    env_probe = "import leerkring.settings as s, json; print(json.dumps(s.STORAGES['reports']))"
    env = {
        "DEBUG": "1",
        "REPORTS_S3_BUCKET": BUCKET,
        "REPORTS_S3_ENDPOINT_URL": "https://s3.example.nl",
        "REPORTS_S3_REGION": "eu-west-1",
        "REPORTS_S3_ACCESS_KEY_ID": "sleutel",
        "REPORTS_S3_SECRET_ACCESS_KEY": "geheim",
    }
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", env_probe], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == s3_settings("https://s3.example.nl") | {
        "OPTIONS": {**s3_settings("https://s3.example.nl")["OPTIONS"], "access_key": "sleutel", "secret_key": "geheim"}
    }

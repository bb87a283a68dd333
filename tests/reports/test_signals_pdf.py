"""'Signalen uit de praktijk': requested from the overview, rendered by the worker task, read with pdftotext."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Circle
from reports import tasks
from reports.models import PeriodReport
from sessions.models import PolicySignal
from tests.factories import first_session, record_outcome
from tests.reports.conftest import assert_in_order, pdf_text

pytestmark = pytest.mark.django_db


def test_staf_makes_the_signals_pdf_of_a_year_and_reads_every_signal(
    client: Client, circle: Circle, staf: User, begeleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    outcome = record_outcome(first_session(circle))
    PolicySignal.objects.create(
        outcome=outcome,
        source="Deelvraag 3 · Vraagwijzers",
        text="de vraagwijzer is grenzeloos",
        note="Er is geen loket voor deze vragen.",
        created_by=begeleider,
    )
    PolicySignal.objects.create(
        outcome=outcome,
        source="Kansen",
        text="Sneller opschalen",
        note="Opschalen naar specialistische zorg duurt maanden.",
        status=PolicySignal.Status.ANSWERED,
        reply="De gemeente maakt een snelle route.",
    )
    client.force_login(staf)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/rapporten/nieuw/signalen/", {"periode": "2014"})
    report = PeriodReport.objects.get()
    assert response["Location"] == f"/rapporten/periode/{report.code}/"
    assert "Downloaden" in client.get(response["Location"]).content.decode()
    download = client.get(f"/rapporten/periode/{report.code}/download/")
    assert download["Content-Disposition"] == 'attachment; filename="signalen-uit-de-praktijk-2014.pdf"'
    text = pdf_text(b"".join(download.streaming_content))  # type: ignore[attr-defined]
    assert_in_order(
        text,
        [
            "Signalen uit de praktijk 2014",
            "zijn in de verslagen van de leerkringen 2 punten gemarkeerd als signaal voor beleid",
            "Nieuw 1",
            "Beantwoord 1",
            circle.name,
            "de vraagwijzer is grenzeloos",
            "Bijeenkomst 1, 13 oktober 2014 · Deelvraag 3 · Vraagwijzers · Status: Nieuw",
            "Er is geen loket voor deze vragen.",
            "Sneller opschalen",
            "Reactie van de gemeente",
            "De gemeente maakt een snelle route.",
        ],
    )
    assert begeleider.get_full_name() not in text


def test_rendering_twice_keeps_one_pdf(staf: User, circle: Circle) -> None:
    report = PeriodReport.objects.create(kind=PeriodReport.Kind.SIGNALS, period=2014, requested_by=staf)
    tasks.period_report_render.delay(report.pk)
    tasks.period_report_render.delay(report.pk)
    report.refresh_from_db()
    assert (report.status, report.attempts) == (PeriodReport.Status.DONE, 1)
    assert "geen signalen voor beleid gemarkeerd" in pdf_text(report.file.read())


def test_a_facilitator_cannot_request_the_pdf(client: Client, begeleider: User) -> None:
    client.force_login(begeleider)
    assert client.post("/rapporten/nieuw/signalen/", {"periode": "2014"}).status_code == 403
    assert not PeriodReport.objects.exists()

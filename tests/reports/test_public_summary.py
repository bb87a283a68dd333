"""The PDF of an openbaar verslag in the public kennisbank: its public content, no personal data,
made once per content by the worker, and only for verslagen that are openbaar."""

from __future__ import annotations

from html import unescape
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.http import FileResponse
from django.test import Client

from circles.models import FacilitatorProfile
from reports.models import Report
from sessions.models import Outcome
from tests.reports.conftest import assert_in_order, pdf_text
from tests.sessions.kennisbank_data import openbaar_full_of_names, personal_data_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def public(projectleider: User, begeleider: User, begeleider2: User) -> Outcome:
    return openbaar_full_of_names(projectleider, [begeleider, begeleider2])


def _url(outcome: Outcome) -> str:
    return f"/kennisbank/openbaar/{outcome.session.code}/verslag.pdf"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """The render runs once the request's transaction commits, as with a worker."""
    return django_capture_on_commit_callbacks


def _pdf(client: Client, outcome: Outcome, on_commit: Any) -> str:
    """The PDF as a visitor gets it: straight away when made before, else after the page reloads."""
    with on_commit(execute=True):
        response = client.get(_url(outcome))
    if response.status_code == 202:
        response = client.get(_url(outcome))
    assert response.status_code == 200
    assert isinstance(response, FileResponse) and response["Content-Type"] == "application/pdf"
    assert "samenvatting-opbrengst-leerkring-charlois-bijeenkomst-1-2026-03-02.pdf" in response["Content-Disposition"]
    return pdf_text(b"".join(response.streaming_content))


def test_the_public_page_and_its_hit_link_to_the_pdf(client: Client, public: Outcome) -> None:
    detail = client.get(f"/kennisbank/openbaar/{public.session.code}/").content.decode()
    listing = client.get("/kennisbank/openbaar/").content.decode()
    assert f'href="{_url(public)}"' in detail
    assert f'href="{_url(public)}"' in listing


def test_the_pdf_holds_the_public_content_and_no_personal_data(client: Client, public: Outcome, on_commit: Any) -> None:
    text = _pdf(client, public, on_commit)
    assert_in_order(
        text,
        [
            "Samenvatting opbrengst Leerkring Charlois",
            "2 maart 2026",
            "Hoe werkt het wijkteam met vrijwilligers?",
            "Resultaten",
            "Wijkteamleiders: korte lijnen met het wijkteam",
            "Vraagwijzers: meer mantelzorg",
            "Kansen",
            "buurtnetwerken",
            "Acties",
            "Sociale kaart van Charlois bijwerken",
            "Bouwstenen: 6.",
            "Openbaar verslag uit de kennisbank van de Werkplaats Sociaal Domein:",
        ],
    )
    assert f"/kennisbank/openbaar/{public.session.code}/" in text.replace(" ", "")  # a long URL wraps
    assert "Actie-eigenaar" not in text
    assert "Groepsindeling" not in text and "aanwezig" not in text
    assert personal_data_in(text) == []


def test_a_facilitator_who_agreed_is_named_in_a_new_pdf(
    client: Client, public: Outcome, begeleider: User, begeleider2: User, on_commit: Any
) -> None:
    assert "Berry" not in _pdf(client, public, on_commit)
    FacilitatorProfile.objects.create(user=begeleider, name_public=True, organisation="Bos & Meer")
    FacilitatorProfile.objects.create(user=begeleider2, name_public=False)
    text = _pdf(client, public, on_commit)
    assert "Begeleiding: Berry van den Bos (Bos & Meer)." in text
    assert "Koetsveld" not in text
    assert Report.objects.filter(kind=Report.Kind.PUBLIC_SUMMARY).count() == 2


def test_the_pdf_is_made_once_per_content_and_kept_out_of_the_reports_list(
    client: Client, public: Outcome, staf: User, on_commit: Any
) -> None:
    _pdf(client, public, on_commit)
    _pdf(client, public, on_commit)
    assert Report.objects.filter(kind=Report.Kind.PUBLIC_SUMMARY).count() == 1
    client.force_login(staf)
    assert "Openbaar verslag" not in client.get("/rapporten/").content.decode()


@pytest.mark.parametrize("level", [Outcome.Publication.INTERN, Outcome.Publication.WERKPLAATS])
def test_a_verslag_that_is_not_openbaar_has_no_public_pdf(client: Client, public: Outcome, level: str) -> None:
    Outcome.objects.filter(pk=public.pk).update(publication=level)
    assert client.get(_url(public)).status_code == 404
    assert not Report.objects.exists()


def test_a_reopened_verslag_has_no_public_pdf(client: Client, public: Outcome) -> None:
    Outcome.objects.filter(pk=public.pk).update(status=Outcome.Status.CONCEPT)
    assert client.get(_url(public)).status_code == 404


def test_while_the_worker_renders_the_page_says_so_and_reloads(client: Client, public: Outcome) -> None:
    with mock.patch("reports.services.report_enqueue"):
        response = client.get(_url(public))
    assert response.status_code == 202
    page = unescape(response.content.decode())
    assert "De PDF wordt gemaakt. Deze pagina laadt over een paar seconden opnieuw" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert personal_data_in(page) == []

"""The accessibility statement (toegankelijkheidsverklaring) at /toegankelijkheid/, linked from every page."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

pytestmark = pytest.mark.django_db


def statement(client: Client) -> str:
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_statement_has_the_parts_of_the_dutch_model(client: Client) -> None:
    html = statement(client)

    assert '<h1 class="h2">Toegankelijkheidsverklaring</h1>' in html
    assert "Werkplaats Sociaal Domein (Hogeschool Rotterdam)" in html  # who
    assert "Deze verklaring geldt voor Leerkring op http://testserver/" in html  # for which site
    assert "Leerkring voldoet gedeeltelijk aan WCAG 2.1 niveau AA." in html  # status
    assert "nog niet onderzocht door een onafhankelijke deskundige" in html  # and why
    assert "axe-core elke pagina" in html  # how it is measured
    assert "alleen met het toetsenbord" in html
    assert "Deze verklaring is opgesteld op 6 december 2026" in html  # when
    assert "Bekende problemen" in html and "PDF/UA-1" in html and "beheeromgeving" in html
    assert "Binnen 5 werkdagen" in html  # what happens with a report
    assert 'href="https://www.nationaleombudsman.nl/"' in html


def test_feedback_goes_to_the_werkplaats_address_when_there_is_one(client: Client, settings: Settings) -> None:
    settings.WERKPLAATS_CONTACT_NAME = "de Werkplaats Sociaal Domein"
    settings.WERKPLAATS_CONTACT_EMAIL = "toegankelijkheid@example.nl"

    html = statement(client)

    assert 'Mail de Werkplaats Sociaal Domein: <a href="mailto:toegankelijkheid@example.nl">' in html


def test_without_an_address_feedback_goes_to_the_project_leader(client: Client, settings: Settings) -> None:
    settings.WERKPLAATS_CONTACT_EMAIL = ""

    html = statement(client)

    assert "mailto:" not in html
    assert "Neem contact op met de projectleider van uw leerkring." in html


def test_the_statement_reads_in_english(client: Client, settings: Settings) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = statement(client)

    assert '<h1 class="h2">Accessibility statement</h1>' in html
    assert "Leerkring partially conforms to WCAG 2.1 level AA." in html
    assert 'href="/toegankelijkheid/">Accessibility</a>' in html


def test_the_catalogue_footer_links_to_the_statement(client: Client) -> None:
    html = client.get("/").content.decode()

    footer = html[html.index("<footer") :]
    assert '<a class="link-secondary" href="/toegankelijkheid/">Toegankelijkheid</a>' in footer

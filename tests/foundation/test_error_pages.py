"""Error pages speak Dutch and lead back to the start."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.test import Client

pytestmark = pytest.mark.django_db


def test_staf_gets_the_403_page_on_a_new_circle(client: Client, staf: User) -> None:
    client.force_login(staf)
    response = client.get("/leerkringen/nieuw/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "U heeft geen toegang tot deze pagina." in page
    assert 'href="/start/"' in page
    assert 'id="main"' in page


def test_an_unknown_page_gets_the_404_page(client: Client) -> None:
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Deze pagina bestaat niet (meer)." in page
    assert 'href="/"' in page


def test_the_500_page_renders_without_a_request() -> None:
    page = render_to_string("500.html")
    assert "Er ging iets mis" in page and 'href="/"' in page

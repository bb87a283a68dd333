"""Suggested text (the generated Inleiding, the standard Wijze van werken) is a "voorstel" beside the
empty field, not the record, until a facilitator keeps it or writes their own."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import FacilitatorProfile, Session
from sessions.models import Outcome
from tests.factories import circle_with_sessions
from tests.pages import form_data

pytestmark = pytest.mark.django_db
INTRODUCTION = "Leerkring 1 - Methodiekontwikkeling wordt geleid door Elizabeth van Twist (projectleider)"
METHOD = "Deze leerkring werkt volgens Participatory Action Research (PAR)"


@pytest.fixture
def session(projectleider: User, begeleider: User) -> Session:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    return sessions[0]


def _url(session: Session) -> str:
    return f"/bijeenkomsten/{session.code}/verslag/"


def _form(client: Client, session: Session) -> tuple[str, dict[str, str]]:
    page = client.get(_url(session)).content.decode()
    return page, form_data(page, _url(session))


def test_saving_with_untouched_suggestions_keeps_neither_and_still_offers_them(
    client: Client, begeleider: User, session: Session
) -> None:
    client.force_login(begeleider)
    _page, data = _form(client, session)
    client.post(_url(session), {**data, "central_question": "Wat werkt?", "opslaan": ""})

    outcome = Outcome.objects.get(session=session)
    assert (outcome.introduction, outcome.method) == ("", "")
    page, data = _form(client, session)
    assert page.count("Voorstel overnemen") == 2
    assert "Dit voorstel staat nog niet in het verslag en komt niet in de samenvatting." in page
    assert INTRODUCTION in page and METHOD in page
    assert "introduction_keep" not in data and "method_keep" not in data


def test_voorstel_overnemen_makes_the_suggestion_the_verslags_own_text(
    client: Client, begeleider: User, session: Session
) -> None:
    client.force_login(begeleider)
    _page, data = _form(client, session)
    client.post(_url(session), {**data, "introduction_keep": "on", "method_keep": "on", "opslaan": ""})

    outcome = Outcome.objects.get(session=session)
    assert outcome.introduction.startswith(INTRODUCTION)
    assert outcome.method.startswith(METHOD)
    page, data = _form(client, session)
    assert "Voorstel overnemen" not in page
    assert data["introduction"].startswith(INTRODUCTION)  # now editable as the facilitators' own text


def test_own_text_is_the_verslags_text(client: Client, begeleider: User, session: Session) -> None:
    client.force_login(begeleider)
    _page, data = _form(client, session)
    client.post(_url(session), {**data, "method": "We werken in vier subgroepen.", "opslaan": ""})

    outcome = Outcome.objects.get(session=session)
    assert (outcome.introduction, outcome.method) == ("", "We werken in vier subgroepen.")


def test_own_text_and_voorstel_overnemen_together_is_refused_at_the_field_keeping_the_text(
    client: Client, begeleider: User, session: Session
) -> None:
    client.force_login(begeleider)
    _page, data = _form(client, session)
    response = client.post(
        _url(session), {**data, "introduction": "Onze eigen inleiding.", "introduction_keep": "on", "opslaan": ""}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Inleiding: U heeft hier zelf tekst ingevuld én „Voorstel overnemen” aangevinkt." in page
    assert "Onze eigen inleiding.</textarea>" in page
    assert not Outcome.objects.exists()


def test_the_suggested_inleiding_names_organisations_and_teams_as_the_seed_does(
    client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle, sessions = circle_with_sessions(projectleider, [begeleider, begeleider2])
    circle.teams = ["Hoogvliet", "Charlois", "IJsselmonde", "Pernis"]
    circle.save()
    FacilitatorProfile.objects.create(user=projectleider, organisation="Kenniscentrum Talentontwikkeling")
    FacilitatorProfile.objects.create(user=begeleider, organisation="Bos & Meer")
    FacilitatorProfile.objects.create(user=begeleider2, organisation="docenten HR-Instituut Sociale Opleidingen")
    client.force_login(begeleider)

    page, _data = _form(client, sessions[0])

    assert (
        "wordt geleid door Elizabeth van Twist (projectleider vanuit Kenniscentrum Talentontwikkeling) in "
        "samenwerking met Berry van den Bos (Bos &amp; Meer) en Henk Koetsveld (docenten HR-Instituut Sociale "
        "Opleidingen)." in page
    )
    assert "De deelnemers komen uit de teams Hoogvliet, Charlois, IJsselmonde en Pernis." in page

"""The verslag takes bounded text (issue 9, point 5): too long is refused at the field, nothing typed is lost."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Session
from leerkring.core import textlimits
from sessions.models import Outcome
from tests.factories import circle_with_sessions
from tests.pages import form_data

pytestmark = pytest.mark.django_db


def _url(session: Session) -> str:
    return f"/bijeenkomsten/{session.code}/verslag/"


@pytest.fixture
def session(projectleider: User, begeleider: User) -> Session:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    return sessions[0]


def _opened(client: Client, session: Session, begeleider: User) -> dict[str, str]:
    client.force_login(begeleider)
    return form_data(client.get(_url(session)).content.decode(), _url(session))


def _field_block(html: str, name: str) -> str:
    """The crispy wrapper of one field, up to the next field: its label, textarea and error."""
    start = html.index(f'id="div_id_{name}"')
    return html[start : html.index('id="div_id_', start + 1)]


def test_an_over_long_answer_is_refused_at_its_field_and_everything_typed_stays(
    client: Client, begeleider: User, session: Session
) -> None:
    data = _opened(client, session, begeleider)
    long_answer = "De wijkteams werken samen." * 386  # 10,036 characters
    data.update(
        {
            "central_question": "Wat betekent de Wmo voor jouw professie?",
            "subgroep-0-name": "Wijkteamleden",
            "deelvraag-0-text": "Waar loop je tegenaan?",
            "deelvraag-0-answer_0": long_answer,
            "deelvraag-0-remarks": "Minder aandacht voor eigen kracht.",
            "opslaan": "",
        }
    )
    response = client.post(_url(session), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Niet opgeslagen: controleer de gemarkeerde velden. Uw tekst staat er nog." in html
    block = _field_block(html, "deelvraag-0-answer_0")
    assert f"Deze tekst telt {len(long_answer)} tekens; er passen er 10000." in block
    assert "maxlength" not in block  # a browser would cut a paste at maxlength without a word
    shown = form_data(html, _url(session))
    assert shown["deelvraag-0-answer_0"] == long_answer.replace("\r\n", "\n")
    assert shown["central_question"] == "Wat betekent de Wmo voor jouw professie?"
    assert shown["subgroep-0-name"] == "Wijkteamleden"
    assert shown["deelvraag-0-remarks"] == "Minder aandacht voor eigen kracht."
    assert not Outcome.objects.filter(session=session).exists()


def test_an_answer_of_exactly_the_limit_is_saved(client: Client, begeleider: User, session: Session) -> None:
    data = _opened(client, session, begeleider)
    answer = ("x" * 99 + "\n") * (textlimits.LONG_TEXT // 100)
    data.update({"subgroep-0-name": "Vraagwijzers", "deelvraag-0-text": "Wat gaat goed?"})
    response = client.post(_url(session), {**data, "deelvraag-0-answer_0": answer, "opslaan": ""})
    assert response.status_code == 302
    [(_question, [(_group, points)])] = Outcome.objects.get(session=session).results()
    assert len(points) == 100


def test_a_single_line_field_too_long_gets_the_same_dutch_message(
    client: Client, begeleider: User, session: Session
) -> None:
    data = _opened(client, session, begeleider)
    response = client.post(_url(session), {**data, "onderdeel-0-heading": "K" * 201, "opslaan": ""})
    assert response.status_code == 200
    assert "Deze tekst telt 201 tekens; er passen er 200." in response.content.decode()
    assert form_data(response.content.decode(), _url(session))["onderdeel-0-heading"] == "K" * 201


def test_a_verslag_over_the_total_is_refused_on_top_and_keeps_every_answer(
    client: Client, begeleider: User, session: Session
) -> None:
    data = _opened(client, session, begeleider)
    answer = "Korte lijnen, maatwerk en eigen kracht." * 225  # 8,775 characters, within one field's limit
    data["subgroep-0-name"] = "Wijkteamleden"
    data["deelvraag-TOTAL_FORMS"] = "7"
    for row in range(7):
        data[f"deelvraag-{row}-text"] = f"Deelvraag {row + 1}"
        data[f"deelvraag-{row}-answer_0"] = answer
    response = client.post(_url(session), {**data, "opslaan": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"Het verslag telt samen 61\.\d\d\d tekens; er passen er 60\.000\.", html)
    shown = form_data(html, _url(session))
    assert [shown[f"deelvraag-{row}-answer_0"] for row in range(7)] == [answer] * 7
    assert not Outcome.objects.filter(session=session).exists()


def test_more_deelvragen_than_a_verslag_holds_are_refused_above_the_list(
    client: Client, begeleider: User, session: Session
) -> None:
    data = _opened(client, session, begeleider)
    count = textlimits.MAX_SUBQUESTIONS + 1
    data["deelvraag-TOTAL_FORMS"] = str(count + 1)  # and one empty row, which does not count
    for row in range(count):
        data[f"deelvraag-{row}-text"] = f"Deelvraag {row + 1}"
    response = client.post(_url(session), {**data, "opslaan": ""})
    assert response.status_code == 200
    assert f"Een verslag heeft hoogstens 20 deelvragen; hier staan er {count}." in response.content.decode()
    assert not Outcome.objects.filter(session=session).exists()


def test_exactly_the_maximum_of_deelvragen_with_an_empty_row_is_saved(
    client: Client, begeleider: User, session: Session
) -> None:
    data = _opened(client, session, begeleider)
    data["deelvraag-TOTAL_FORMS"] = str(textlimits.MAX_SUBQUESTIONS + 1)
    for row in range(textlimits.MAX_SUBQUESTIONS):
        data[f"deelvraag-{row}-text"] = f"Deelvraag {row + 1}"
    assert client.post(_url(session), {**data, "opslaan": ""}).status_code == 302
    assert Outcome.objects.get(session=session).subquestions.count() == textlimits.MAX_SUBQUESTIONS

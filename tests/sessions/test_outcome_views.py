"""The verslag page as a facilitator uses it without JavaScript: formsets, errors, saving, conflicts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Session
from sessions.models import Outcome, OutcomeEvent
from tests.factories import circle_with_sessions, on_the_day
from tests.pages import form_data


def _url(session: Session) -> str:
    return f"/bijeenkomsten/{session.code}/verslag/"


def _open(client: Client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content.decode(), url.split("?")[0])


@pytest.fixture
def world(projectleider: User, begeleider: User) -> dict[str, object]:
    circle, sessions = circle_with_sessions(projectleider, [begeleider])
    return {"circle": circle, "sessions": sessions}


@pytest.mark.django_db
def test_new_verslag_suggests_an_introduction_from_the_circle_beside_the_empty_field(
    client: Client, begeleider: User, world: dict
) -> None:
    client.force_login(begeleider)
    page = client.get(_url(world["sessions"][0])).content.decode()
    data = form_data(page, _url(world["sessions"][0]))
    assert (data["introduction"], data["method"], data["version"]) == ("", "", "0")
    assert "wordt geleid door Elizabeth van Twist (projectleider)" in page
    assert "in samenwerking met Berry van den Bos" in page
    assert "Het programma bestaat uit 3 bijeenkomsten" in page
    assert "Participatory Action Research" in page


@pytest.mark.django_db
def test_round_trip_without_javascript_adds_subgroups_and_deelvragen(
    client: Client, begeleider: User, world: dict
) -> None:
    client.force_login(begeleider)
    url = _url(world["sessions"][0])
    data = _open(client, url)
    data.update({"central_question": "Wat betekent de Wmo voor jouw professie?", "subgroep-0-name": "Wijkteamleden"})
    response = client.post(url, {**data, "meer-subgroep": ""})
    assert response.status_code == 302 and response["Location"].endswith("?meer=subgroep#subgroep-lijst")

    data = _open(client, response["Location"].split("#")[0])
    assert data["subgroep-TOTAL_FORMS"] == "3"  # the saved one and two empty rows
    data.update({"subgroep-1-name": "Vraagwijzers"})
    client.post(url, {**data, "opslaan": ""})

    data = _open(client, url)
    data.update(
        {
            "deelvraag-0-text": "Waar loop je tegenaan?",
            "deelvraag-0-answer_0": "dubbele functie\nhoge caseload",
            "deelvraag-0-answer_1": "toenemende bureaucratie",
            "deelvraag-0-remarks": "De vraagwijzers merken op: minder aandacht voor eigen kracht.",
        }
    )
    client.post(url, {**data, "opslaan": ""})

    outcome = Outcome.objects.get(session=world["sessions"][0])
    assert outcome.version == 3
    [(question, answers)] = outcome.results()
    assert question.text == "Waar loop je tegenaan?"
    assert [(group.name, points) for group, points in answers] == [
        ("Wijkteamleden", ["dubbele functie", "hoge caseload"]),
        ("Vraagwijzers", ["toenemende bureaucratie"]),
    ]
    page = client.get(url).content.decode()
    assert "dubbele functie\nhoge caseload</textarea>" in page


@pytest.mark.django_db
def test_order_and_delete_fields_reorder_and_remove_rows(client: Client, begeleider: User, world: dict) -> None:
    client.force_login(begeleider)
    url = _url(world["sessions"][0])
    data = _open(client, url)
    data.update({"onderdeel-0-heading": "Sterktes", "onderdeel-0-items": "korte lijnen"})
    client.post(url, {**data, "meer-onderdeel": ""})
    data = _open(client, f"{url}?meer=onderdeel")
    data.update({"onderdeel-1-heading": "Zwaktes", "onderdeel-2-heading": "Kansen"})
    client.post(url, {**data, "opslaan": ""})
    data = _open(client, url)
    data.update({"onderdeel-0-ORDER": "4", "onderdeel-1-DELETE": "on"})
    client.post(url, {**data, "opslaan": ""})
    outcome = Outcome.objects.get(session=world["sessions"][0])
    assert [s.heading for s in outcome.sections.all()] == ["Kansen", "Sterktes"]


@pytest.mark.django_db
def test_validation_error_keeps_everything_typed_and_saves_nothing(
    client: Client, begeleider: User, world: dict
) -> None:
    client.force_login(begeleider)
    url = _url(world["sessions"][0])
    data = _open(client, url)
    data.update({"subgroep-0-name": "Wijkteamleden", "central_question": "Mijn centrale vraag"})
    client.post(url, {**data, "opslaan": ""})
    data = _open(client, url)
    data.update(
        {
            "central_question": "Een nieuwe centrale vraag",
            "deelvraag-0-text": "",
            "deelvraag-0-answer_0": "een antwoord zonder vraag",
            "actie-0-description": "Sociale kaart bijwerken",
            "actie-0-owner_name": "",
        }
    )
    response = client.post(url, {**data, "opslaan": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Niet opgeslagen: controleer de gemarkeerde velden. Uw tekst staat er nog." in page
    assert "Deelvraag 1: Deelvraag: Dit veld is verplicht." in page
    assert "Actie 1: Actie-eigenaar: Dit veld is verplicht." in page
    assert "een antwoord zonder vraag</textarea>" in page
    assert "Sociale kaart bijwerken</textarea>" in page
    assert "Een nieuwe centrale vraag</textarea>" in page
    assert Outcome.objects.get(session=world["sessions"][0]).central_question == "Mijn centrale vraag"


@pytest.mark.django_db
def test_second_save_with_a_stale_version_is_refused_and_keeps_the_text(
    projectleider: User, begeleider: User, world: dict
) -> None:
    first, second = Client(), Client()
    first.force_login(begeleider)
    second.force_login(projectleider)
    url = _url(world["sessions"][0])
    first.post(url, {**_open(first, url), "central_question": "Versie één", "opslaan": ""})
    mine, theirs = _open(first, url), _open(second, url)
    first.post(url, {**mine, "central_question": "Versie van Berry", "opslaan": ""})

    response = second.post(url, {**theirs, "central_question": "Versie van Elizabeth", "opslaan": ""})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft dit verslag intussen opgeslagen" in page
    assert "Versie van Elizabeth</textarea>" in page
    outcome = Outcome.objects.get(session=world["sessions"][0])
    assert (outcome.central_question, outcome.version) == ("Versie van Berry", 2)

    # The page now carries the current version: saving again is a conscious choice, and works.
    again = form_data(page, url)
    assert again["version"] == "2"
    second.post(url, {**again, "central_question__keuze": "mijn", "opslaan": ""})
    assert Outcome.objects.get(session=world["sessions"][0]).central_question == "Versie van Elizabeth"


@pytest.mark.django_db
def test_save_and_submit_records_who_and_when(client: Client, begeleider: User, world: dict) -> None:
    url = _url(world["sessions"][0])
    with on_the_day(world["sessions"][0].date):
        client.force_login(begeleider)
        data = {**_open(client, url), "central_question": "Wat werkt?", "indienen": ""}
        response = client.post(url, data, follow=True)
    assert "Het verslag is opgeslagen en ingediend." in response.content.decode()
    outcome = Outcome.objects.get(session=world["sessions"][0])
    assert (outcome.status, outcome.submitted_by) == (Outcome.Status.SUBMITTED, begeleider)
    assert list(outcome.events.values_list("action", "by")) == [(OutcomeEvent.Action.SUBMITTED, begeleider.pk)]


@pytest.mark.django_db
def test_submit_without_central_question_saves_but_does_not_submit(
    client: Client, begeleider: User, world: dict
) -> None:
    url = _url(world["sessions"][0])
    with on_the_day(world["sessions"][0].date):
        client.force_login(begeleider)
        response = client.post(url, {**_open(client, url), "central_question": "", "indienen": ""}, follow=True)
    assert "Vul de centrale vraag in voordat u het verslag indient." in response.content.decode()
    assert Outcome.objects.get(session=world["sessions"][0]).status == Outcome.Status.CONCEPT


@pytest.mark.django_db
def test_established_verslag_is_read_only(client: Client, begeleider: User, world: dict) -> None:
    session = world["sessions"][0]
    Outcome.objects.create(session=session, central_question="Vastgestelde vraag", status=Outcome.Status.ESTABLISHED)
    client.force_login(begeleider)
    page = client.get(_url(session)).content.decode()
    assert "Vastgestelde vraag" in page and "<textarea" not in page
    response = client.post(_url(session), {"central_question": "Stiekem gewijzigd", "version": "1"}, follow=True)
    assert "Dit verslag is vastgesteld. Alleen de projectleider kan het nog heropenen." in response.content.decode()
    assert Outcome.objects.get(session=session).central_question == "Vastgestelde vraag"


@pytest.mark.django_db
def test_staf_reads_the_verslag_but_gets_no_form(client: Client, staf: User, world: dict) -> None:
    session = world["sessions"][0]
    Outcome.objects.create(session=session, central_question="Wat betekent de Wmo?", parts="Reflectie\nUitwisselen")
    client.force_login(staf)
    page = client.get(_url(session)).content.decode()
    assert "Wat betekent de Wmo?" in page
    assert "<li>Reflectie</li><li>Uitwisselen</li>" in page
    assert "<textarea" not in page and "Concept opslaan" not in page
    assert client.post(_url(session), {}).status_code == 403

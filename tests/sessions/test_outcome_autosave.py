"""The editor's background save of a concept: the same save as "Concept opslaan", with the same
version check, answered in JSON with the new version and the ids of the rows it stored."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Session
from sessions.models import Outcome, Subgroup
from sessions.services import outcomes as services
from tests.factories import circle_with_sessions
from tests.pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def at_the_session() -> Iterator[None]:
    """On the day of the session at 14:32, when it may be submitted too."""
    with time_machine.travel(datetime.datetime(2027, 3, 2, 14, 32, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        yield


@pytest.fixture
def session(projectleider: User, begeleider: User) -> Session:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    return sessions[0]


def _open(session: Session, user: User) -> tuple[Client, dict[str, str]]:
    client = Client()
    client.force_login(user)
    url = f"/bijeenkomsten/{session.code}/verslag/"
    return client, form_data(client.get(url).content.decode(), url)


def _autosave(client: Client, session: Session, data: dict[str, str]) -> Any:
    return client.post(f"/bijeenkomsten/{session.code}/verslag/automatisch-opslaan/", data)


TYPED = {
    "subgroep-0-name": "Wijkteamleden",
    "deelvraag-0-text": "Waar loop je tegenaan?",
    "deelvraag-0-answer_0": "te veel overleg",
}


def test_the_concept_is_saved_and_the_answer_carries_version_time_and_row_ids(
    session: Session, begeleider: User
) -> None:
    client, data = _open(session, begeleider)

    response = _autosave(client, session, {**data, **TYPED})

    assert response.status_code == 200
    answer = response.json()
    outcome = Outcome.objects.get(session=session)
    assert answer["message"] == "Opgeslagen om 14:32"
    assert answer["version"] == outcome.version == 1
    assert outcome.status == Outcome.Status.CONCEPT
    group = Subgroup.objects.get(outcome=outcome)
    question = outcome.subquestions.get()
    assert answer["ids"]["subgroep-0-id"] == group.pk
    assert answer["ids"]["deelvraag-0-id"] == question.pk
    assert answer["ids"]["actie-0-id"] is None  # the empty row is no row
    assert [(q.text, [(g.name, points) for g, points in a]) for q, a in outcome.results()] == [
        ("Waar loop je tegenaan?", [("Wijkteamleden", ["te veel overleg"])])
    ]


def test_saving_again_with_the_answer_bumps_the_version_and_adds_no_rows_twice(
    session: Session, begeleider: User
) -> None:
    client, data = _open(session, begeleider)
    first = _autosave(client, session, {**data, **TYPED}).json()
    data = {**data, **TYPED, "version": str(first["version"])}
    data.update({name: str(pk) for name, pk in first["ids"].items() if pk is not None})

    second = _autosave(client, session, {**data, "subgroep-0-name": "Wijkteamleiders"})

    assert second.status_code == 200 and second.json()["version"] == 2
    assert list(Subgroup.objects.filter(outcome__session=session).values_list("name", flat=True)) == ["Wijkteamleiders"]
    assert second.json()["ids"]["subgroep-0-id"] == first["ids"]["subgroep-0-id"]


def test_a_removed_row_has_no_id_in_the_answer(session: Session, begeleider: User) -> None:
    client, data = _open(session, begeleider)
    first = _autosave(client, session, {**data, **TYPED}).json()
    data = {**data, **TYPED, "version": str(first["version"]), "deelvraag-0-id": str(first["ids"]["deelvraag-0-id"])}

    answer = _autosave(client, session, {**data, "deelvraag-0-DELETE": "on"}).json()

    assert answer["ids"]["deelvraag-0-id"] is None
    assert not Outcome.objects.get(session=session).subquestions.exists()


def test_after_someone_else_saved_it_answers_409_and_saves_nothing(
    session: Session, begeleider: User, projectleider: User
) -> None:
    berry, berry_form = _open(session, begeleider)
    elizabeth, elizabeth_form = _open(session, projectleider)
    assert _autosave(elizabeth, session, {**elizabeth_form, "central_question": "Haar vraag?"}).status_code == 200

    response = _autosave(berry, session, {**berry_form, "central_question": "Zijn vraag?"})

    assert response.status_code == 409
    assert response.json()["conflict"] is True
    assert "Iemand anders heeft dit verslag intussen opgeslagen" in response.json()["message"]
    assert Outcome.objects.get(session=session).central_question == "Haar vraag?"


def test_a_submitted_verslag_is_not_saved_in_the_background(session: Session, begeleider: User) -> None:
    client, data = _open(session, begeleider)
    assert _autosave(client, session, {**data, **TYPED, "central_question": "Wat vraagt de Wmo?"}).status_code == 200
    services.outcome_submit(outcome=Outcome.objects.get(session=session), user=begeleider)
    page = client.get(f"/bijeenkomsten/{session.code}/verslag/").content.decode()

    response = _autosave(client, session, {**form_data(page, f"/bijeenkomsten/{session.code}/verslag/"), **TYPED})

    assert response.status_code == 400
    assert "data-autosave" not in page and 'id="autosave-status"' not in page


def test_an_incomplete_form_is_not_saved_and_says_so(session: Session, begeleider: User) -> None:
    client, data = _open(session, begeleider)

    response = _autosave(client, session, {**data, "deelvraag-0-answer_0": "", "subgroep-0-name": "A" * 101})

    assert response.status_code == 400
    assert response.json()["message"].startswith("Niet automatisch opgeslagen")
    assert not Outcome.objects.filter(session=session).exists()

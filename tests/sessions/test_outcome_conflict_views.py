"""Two people save one verslag: the second gets a 409 page that loses nobody's text.

Fields the second person left alone take the first person's new text; fields only they changed
keep theirs; where both changed a field, they choose (mine / theirs / edited), and a save never
overwrites what somebody else saved in between.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Session
from sessions.models import Action, Outcome, OutcomeVersion
from tests.factories import circle_with_sessions, save_outcome
from tests.pages import form_data

pytestmark = pytest.mark.django_db


def _url(session: Session) -> str:
    return f"/bijeenkomsten/{session.code}/verslag/"


@pytest.fixture
def session(projectleider: User, begeleider: User) -> Session:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    save_outcome(sessions[0], begeleider)
    return sessions[0]


def _two_open(session: Session, first: User, second: User) -> tuple[Client, dict, Client, dict]:
    """Both people open the verslag page before either saves."""
    pages = []
    for user in (first, second):
        client = Client()
        client.force_login(user)
        pages.append((client, form_data(client.get(_url(session)).content.decode(), _url(session))))
    return pages[0][0], pages[0][1], pages[1][0], pages[1][1]


def _outcome(session: Session) -> Outcome:
    return Outcome.objects.get(session=session)


def test_every_save_keeps_the_version_it_made(session: Session, begeleider: User) -> None:
    client = Client()
    client.force_login(begeleider)
    data = form_data(client.get(_url(session)).content.decode(), _url(session))
    client.post(_url(session), {**data, "grouping": "Gemengde groepen.", "opslaan": ""})

    kept = OutcomeVersion.objects.filter(outcome__session=session)
    assert [(v.version, v.content["fields"]["grouping"]) for v in kept] == [
        (1, "Subgroepen naar functie."),
        (2, "Gemengde groepen."),
    ]


def test_different_fields_the_second_save_shows_their_text_and_keeps_mine(
    session: Session, begeleider: User, projectleider: User
) -> None:
    berry, berry_form, elizabeth, elizabeth_form = _two_open(session, begeleider, projectleider)
    berry.post(_url(session), {**berry_form, "central_question": "Wat vraagt de Wmo van ons?", "opslaan": ""})

    response = elizabeth.post(_url(session), {**elizabeth_form, "grouping": "Gemengde groepen.", "opslaan": ""})

    page = response.content.decode()
    assert response.status_code == 409
    assert "Opgeslagen door: Berry van den Bos." in page
    assert _outcome(session).grouping == "Subgroepen naar functie."  # nothing saved yet
    shown = form_data(page, _url(session))
    assert shown["central_question"] == "Wat vraagt de Wmo van ons?"  # theirs, she did not touch it
    assert shown["grouping"] == "Gemengde groepen."  # hers
    assert shown["central_question__was"] == "Wat betekent de Wmo voor jouw professie?"
    assert "De ander heeft dit gewijzigd nadat u de pagina opende; hun tekst staat nu in het veld." in page
    assert "Centrale vraag</a>: gewijzigd door de ander" in page
    assert "grouping__hun" not in shown and "central_question__mijn" not in shown  # nothing to choose

    assert elizabeth.post(_url(session), {**shown, "opslaan": ""}).status_code == 302
    saved = _outcome(session)
    assert (saved.central_question, saved.grouping, saved.version) == (
        "Wat vraagt de Wmo van ons?",
        "Gemengde groepen.",
        3,
    )


def test_same_field_needs_a_choice_and_keeps_both_texts_until_then(
    session: Session, begeleider: User, projectleider: User
) -> None:
    berry, berry_form, elizabeth, elizabeth_form = _two_open(session, begeleider, projectleider)
    berry.post(_url(session), {**berry_form, "grouping": "Naar functie: vier groepen.", "opslaan": ""})
    response = elizabeth.post(_url(session), {**elizabeth_form, "grouping": "Naar team: drie groepen.", "opslaan": ""})

    page = response.content.decode()
    assert response.status_code == 409
    assert "Bij één veld hebben u en de ander allebei iets gewijzigd: kies daar welke tekst blijft." in page
    assert "U en de ander hebben dit allebei gewijzigd. Welke tekst blijft?" in page
    shown = form_data(page, _url(session))
    assert (shown["grouping"], shown["grouping__mijn"], shown["grouping__hun"]) == (
        "Naar team: drie groepen.",
        "Naar team: drie groepen.",
        "Naar functie: vier groepen.",
    )

    again = elizabeth.post(_url(session), {**shown, "opslaan": ""})
    assert again.status_code == 200
    assert "Kies welke tekst blijft: die van u, die van de ander, of uw bewerking in het veld." in (
        again.content.decode()
    )
    assert _outcome(session).grouping == "Naar functie: vier groepen."
    shown = form_data(again.content.decode(), _url(session))
    assert shown["grouping__hun"] == "Naar functie: vier groepen."  # the choice is still offered

    elizabeth.post(_url(session), {**shown, "grouping__keuze": "hun", "opslaan": ""})
    assert _outcome(session).grouping == "Naar functie: vier groepen."


def test_editing_a_field_both_changed_keeps_what_both_meant(
    session: Session, begeleider: User, projectleider: User
) -> None:
    berry, berry_form, elizabeth, elizabeth_form = _two_open(session, begeleider, projectleider)
    berry.post(_url(session), {**berry_form, "grouping": "Naar functie.", "opslaan": ""})
    shown = form_data(
        elizabeth.post(_url(session), {**elizabeth_form, "grouping": "Vier groepen.", "opslaan": ""}).content.decode(),
        _url(session),
    )

    elizabeth.post(_url(session), {**shown, "grouping": "Naar functie, in vier groepen.", "opslaan": ""})

    assert _outcome(session).grouping == "Naar functie, in vier groepen."


def test_rows_both_added_and_answers_both_changed_are_all_kept(
    session: Session, begeleider: User, projectleider: User
) -> None:
    berry, berry_form, elizabeth, elizabeth_form = _two_open(session, begeleider, projectleider)
    berry.post(
        _url(session),
        {
            **berry_form,
            "deelvraag-0-answer_0": "hoge caseload\nwachtlijsten",
            "onderdeel-1-heading": "Zwaktes",
            "onderdeel-1-items": "informatiedeling",
            "opslaan": "",
        },
    )
    response = elizabeth.post(
        _url(session),
        {
            **elizabeth_form,
            "deelvraag-0-answer_1": "bureaucratie\nonduidelijke mandaten",
            "onderdeel-1-heading": "Kansen",
            "onderdeel-1-items": "vrijwilligers",
            "opslaan": "",
        },
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "Toegevoegd door de ander nadat u de pagina opende." in page
    shown = form_data(page, _url(session))
    assert shown["deelvraag-0-answer_0"] == "hoge caseload\nwachtlijsten"
    assert shown["deelvraag-0-answer_1"] == "bureaucratie\nonduidelijke mandaten"
    elizabeth.post(_url(session), {**shown, "opslaan": ""})

    outcome = _outcome(session)
    assert [(s.heading, s.items) for s in outcome.sections.all()] == [
        ("Sterktes", "korte lijnen"),
        ("Zwaktes", "informatiedeling"),
        ("Kansen", "vrijwilligers"),
    ]
    [(_question, answers)] = outcome.results()
    assert [(group.name, points) for group, points in answers] == [
        ("Wijkteamleden", ["hoge caseload", "wachtlijsten"]),
        ("Vraagwijzers", ["bureaucratie", "onduidelijke mandaten"]),
    ]


def test_a_row_deleted_by_one_and_changed_by_the_other_stays_with_a_note(
    session: Session, begeleider: User, projectleider: User
) -> None:
    berry, berry_form, elizabeth, elizabeth_form = _two_open(session, begeleider, projectleider)
    berry.post(_url(session), {**berry_form, "onderdeel-0-DELETE": "on", "actie-0-owner_name": "Bram", "opslaan": ""})
    response = elizabeth.post(
        _url(session), {**elizabeth_form, "onderdeel-0-items": "korte lijnen\nveel kennis", "actie-0-DELETE": "on"}
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "De ander heeft dit verwijderd, maar u had het gewijzigd: uw tekst staat er nog." in page
    assert "U had dit verwijderd, maar de ander heeft het intussen gewijzigd: hun tekst staat er weer." in page
    elizabeth.post(_url(session), {**form_data(page, _url(session)), "opslaan": ""})

    outcome = _outcome(session)
    assert [(s.heading, s.items) for s in outcome.sections.all()] == [("Sterktes", "korte lijnen\nveel kennis")]
    assert list(Action.objects.filter(session=session).values_list("owner_name", flat=True)) == ["Bram"]


def test_a_third_save_in_between_is_merged_again_not_overwritten(
    session: Session, begeleider: User, projectleider: User, superuser: User
) -> None:
    berry, berry_form, elizabeth, elizabeth_form = _two_open(session, begeleider, projectleider)
    berry.post(_url(session), {**berry_form, "central_question": "Vraag van Berry", "opslaan": ""})
    shown = form_data(
        elizabeth.post(_url(session), {**elizabeth_form, "grouping": "Groepen van Elizabeth"}).content.decode(),
        _url(session),
    )
    admin = Client()
    admin.force_login(superuser)
    admin_form = form_data(admin.get(_url(session)).content.decode(), _url(session))
    admin.post(_url(session), {**admin_form, "parts": "Onderdelen van de beheerder", "opslaan": ""})

    response = elizabeth.post(_url(session), {**shown, "opslaan": ""})

    assert response.status_code == 409
    elizabeth.post(_url(session), {**form_data(response.content.decode(), _url(session)), "opslaan": ""})
    saved = _outcome(session)
    assert (saved.central_question, saved.grouping, saved.parts) == (
        "Vraag van Berry",
        "Groepen van Elizabeth",
        "Onderdelen van de beheerder",
    )


def test_removing_a_row_both_changed_needs_no_choice(session: Session, begeleider: User, projectleider: User) -> None:
    berry, berry_form, elizabeth, elizabeth_form = _two_open(session, begeleider, projectleider)
    berry.post(_url(session), {**berry_form, "onderdeel-0-items": "korte lijnen\nbrede kennis", "opslaan": ""})
    shown = form_data(
        elizabeth.post(_url(session), {**elizabeth_form, "onderdeel-0-items": "veel kennis"}).content.decode(),
        _url(session),
    )
    assert shown["onderdeel-0-items__mijn"] == "veel kennis"

    response = elizabeth.post(_url(session), {**shown, "onderdeel-0-DELETE": "on", "opslaan": ""})

    assert response.status_code == 302
    assert not _outcome(session).sections.exists()

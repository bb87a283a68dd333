"""The evaluation at the end of a circle: invitation mail with a signed link, one reminder a week
later, the answer form (Dutch errors at the field), editing, and a closed evaluation (issue 11)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client

from circles.models import Circle, Registration
from sessions.evaluation import services
from sessions.evaluation.models import Evaluation, EvaluationResponse
from sessions.tasks import evaluations_send_due
from tests.factories import AFTER_THE_LAST_SESSION, evaluation_link, make_registration, open_circle

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
LINK = re.compile(r"http://\S+/bijeenkomsten/evaluatie/[^/\s]+/")


@pytest.fixture
def circle(projectleider: User) -> Circle:
    circle = open_circle(projectleider)
    make_registration(circle, "anna@example.org")
    make_registration(circle, "wacht@example.org", status=Registration.Status.WAITLIST)
    make_registration(circle, "weg@example.org", status=Registration.Status.CANCELLED)
    return circle


def _send(capture: Capture, moment: datetime.datetime) -> int:
    """One beat run at `moment`; its mails are delivered after commit, as in production."""
    with time_machine.travel(moment), capture(execute=True):
        return int(evaluations_send_due.delay().get())


def _answer_data(**overrides: str) -> dict[str, str]:
    data = {"statement_0": "4", "statement_1": "5", "statement_2": "3", "question_0": "Het netwerk in de wijk"}
    data.update(overrides)
    return data


def test_nothing_is_sent_before_the_last_session_has_ended(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    assert _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION - datetime.timedelta(hours=2)) == 0
    assert mail.outbox == []


def test_each_confirmed_participant_gets_one_invitation_with_a_personal_link(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    assert _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION) == 1
    assert _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION + datetime.timedelta(hours=1)) == 0
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == f"Uw evaluatie van {circle.name}"
    assert "Beste Anna," in message.body
    assert "Uw antwoorden zijn anoniem" in message.body
    assert "U kunt uw antwoorden aanpassen tot en met 20 april 2027." in message.body
    link = LINK.search(str(message.body))
    assert link is not None
    assert link.group(0) in str(message.alternatives[0][0])  # type: ignore[attr-defined]
    response = EvaluationResponse.objects.get()
    assert link.group(0).endswith(evaluation_link(response))
    [mine] = re.findall(r"http://\S+/mijn-aanmelding/\S+/", str(message.body))
    assert f'href="{mine}"' in str(message.alternatives[0][0])  # type: ignore[attr-defined]
    assert "Mijn aanmelding (uw aanmelding, het programma en uw deelnamebewijs):" in message.body


def test_one_reminder_a_week_later_only_to_who_has_not_answered(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "bram@example.org", first_name="Bram")
    _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION)
    bram = EvaluationResponse.objects.get(registration__email="bram@example.org")
    bram.answered_at = AFTER_THE_LAST_SESSION
    bram.save()
    mail.outbox.clear()
    assert _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION + datetime.timedelta(days=6)) == 0
    week_later = AFTER_THE_LAST_SESSION + datetime.timedelta(days=7, hours=1)
    assert _send(django_capture_on_commit_callbacks, week_later) == 1
    assert _send(django_capture_on_commit_callbacks, week_later + datetime.timedelta(days=7)) == 0
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.subject == f"Herinnering: uw evaluatie van {circle.name}"
    assert "We hebben nog geen antwoord van u ontvangen" in message.body
    assert LINK.search(str(message.body))


def test_no_reminder_goes_to_who_answers_while_the_reminders_are_queued(
    circle: Circle, django_capture_on_commit_callbacks: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anna is listed as not answered, then answers before her reminder is claimed: the claim
    (a conditional update) finds her answer, and no reminder is queued or sent."""
    _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION)
    mail.outbox.clear()
    week_later = AFTER_THE_LAST_SESSION + datetime.timedelta(days=7, hours=1)
    remind = services._remind

    def answered_meanwhile(response: EvaluationResponse, now: datetime.datetime) -> bool:
        EvaluationResponse.objects.filter(pk=response.pk).update(answered_at=now)
        return remind(response, now)

    monkeypatch.setattr(services, "_remind", answered_meanwhile)
    assert _send(django_capture_on_commit_callbacks, week_later) == 0
    assert mail.outbox == []
    assert EvaluationResponse.objects.get().reminded_at is None


def test_the_management_command_sends_what_is_due(circle: Circle, django_capture_on_commit_callbacks: Capture) -> None:
    with time_machine.travel(AFTER_THE_LAST_SESSION), django_capture_on_commit_callbacks(execute=True):
        call_command("send_evaluations")
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]


def test_a_cancelled_circle_is_not_evaluated(circle: Circle, django_capture_on_commit_callbacks: Capture) -> None:
    Circle.objects.filter(pk=circle.pk).update(status=Circle.Status.CANCELLED)
    assert _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION) == 0


@pytest.fixture
def link(circle: Circle, django_capture_on_commit_callbacks: Capture) -> str:
    _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION)
    return evaluation_link(EvaluationResponse.objects.get())


def test_the_link_shows_the_circles_questions(client: Client, link: str, circle: Circle) -> None:
    with time_machine.travel(AFTER_THE_LAST_SESSION + datetime.timedelta(days=1)):
        page = client.get(link).content.decode()
    assert circle.name in page
    assert "Ik heb iets geleerd dat ik in mijn werk gebruik." in page
    assert "De leerkring sloot aan bij mijn leervraag." in page
    assert "Wat neemt u mee?" in page
    assert "Is uw leervraag beantwoord?" in page
    assert "Antwoorden versturen" in page


def test_a_missing_rating_is_refused_at_its_field_and_the_typed_text_is_kept(client: Client, link: str) -> None:
    with time_machine.travel(AFTER_THE_LAST_SESSION + datetime.timedelta(days=1)):
        data = _answer_data()
        del data["statement_1"]
        page = client.post(link, data).content.decode()
    assert "Uw antwoorden zijn nog niet opgeslagen." in page
    # The summary links the statement, a sentence of its own, without a colon after its full stop.
    assert "De leerkring sloot aan bij mijn leervraag.</a> Kies een waarde van 1 tot 5." in page
    field = page[page.index('id="id_statement_1"') :]
    assert field.index("Kies een waarde van 1 tot 5.") < field.index('id="id_statement_2"')
    assert "Het netwerk in de wijk" in page
    assert not EvaluationResponse.objects.get().is_answered


def test_an_answer_too_long_is_refused_with_a_dutch_message(client: Client, link: str) -> None:
    with time_machine.travel(AFTER_THE_LAST_SESSION + datetime.timedelta(days=1)):
        page = client.post(link, _answer_data(question_1="x" * 3001)).content.decode()
    assert "Houd uw antwoord korter dan 3000 tekens (nu 3001)." in page


def test_answering_stores_one_answer_that_can_be_changed_until_the_evaluation_closes(client: Client, link: str) -> None:
    with time_machine.travel(AFTER_THE_LAST_SESSION + datetime.timedelta(days=1)):
        saved = client.post(link, _answer_data(), follow=True).content.decode()
        assert "Dank u wel! Uw antwoorden zijn opgeslagen." in saved
        assert "Antwoorden bijwerken" in saved
        assert 'value="4" checked' in saved
    with time_machine.travel(datetime.datetime(2027, 4, 20, 22, 0, tzinfo=AFTER_THE_LAST_SESSION.tzinfo)):
        client.post(link, _answer_data(statement_0="2", question_0="Toch iets anders"))
    response = EvaluationResponse.objects.get()
    assert response.ratings == [2, 5, 3]
    assert response.answers == ["Toch iets anders", "", ""]
    assert EvaluationResponse.objects.count() == 1


def test_a_closed_evaluation_shows_so_and_changes_nothing(client: Client, link: str) -> None:
    with time_machine.travel(datetime.datetime(2027, 4, 21, 9, 0, tzinfo=AFTER_THE_LAST_SESSION.tzinfo)):
        page = client.get(link)
        posted = client.post(link, _answer_data())
    assert page.status_code == 410
    assert "Deze evaluatie is gesloten" in page.content.decode()
    assert "Antwoorden geven of aanpassen kon tot en met 20 april 2027." in page.content.decode()
    assert posted.status_code == 410
    assert not EvaluationResponse.objects.get().is_answered


def test_the_closing_day_the_project_leader_set_counts(client: Client, link: str, circle: Circle) -> None:
    Evaluation.objects.create(circle=circle, closes_on=datetime.date(2027, 3, 31))
    with time_machine.travel(datetime.datetime(2027, 4, 1, 9, 0, tzinfo=AFTER_THE_LAST_SESSION.tzinfo)):
        assert client.get(link).status_code == 410


def test_a_tampered_link_is_refused_with_a_clear_page(client: Client, link: str) -> None:
    page = client.get(link.replace("/evaluatie/", "/evaluatie/x"))
    assert page.status_code == 400
    assert "Deze link werkt niet" in page.content.decode()


def test_the_project_leader_adjusts_the_questions_before_the_invitations(
    client: Client, projectleider: User, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    client.force_login(projectleider)
    url = f"/bijeenkomsten/leerkring/{circle.code}/evaluatie/"
    assert "Ik heb iets geleerd dat ik in mijn werk gebruik." in client.get(url).content.decode()
    refused = client.post(url, {"statements_text": " \n", "questions_text": "Wat neemt u mee?"})
    assert "Geef minstens één stelling." in refused.content.decode()
    client.post(
        url,
        {"statements_text": "Ik kan dit gebruiken.\n\nHet tempo was goed.", "questions_text": "Tips?", "impact": "on"},
    )
    evaluation = Evaluation.objects.get(circle=circle)
    assert evaluation.statements == ["Ik kan dit gebruiken.", "Het tempo was goed."]
    assert evaluation.questions == ["Tips?"]
    assert evaluation.impact
    _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION)
    with time_machine.travel(AFTER_THE_LAST_SESSION + datetime.timedelta(days=1)):
        asked = Client().get(evaluation_link(EvaluationResponse.objects.get())).content.decode()
    assert "Ik kan dit gebruiken." in asked and "Het tempo was goed." in asked and "Tips?" in asked
    assert "De leerkring sloot aan bij mijn leervraag." not in asked and "Wat neemt u mee?" not in asked
    locked = client.get(url).content.decode()
    assert "de vragen liggen vast" in locked
    client.post(url, {"statements_text": "Iets anders", "closes_on": "2027-05-01"})
    evaluation.refresh_from_db()
    assert evaluation.statements == ["Ik kan dit gebruiken.", "Het tempo was goed."]
    assert evaluation.closes_on == datetime.date(2027, 5, 1)

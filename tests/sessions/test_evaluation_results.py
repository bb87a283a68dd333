"""The evaluation's anonymous results on the circle page and in the circle report PDF: response rate,
average and distribution per statement, open answers without names; who has not answered yet for
the project leader only; nothing below three answers; the impact follow-up beside it (issue 11)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from circles.models import Circle, Registration
from reports import services
from reports.models import Report
from sessions.evaluation.models import Evaluation, EvaluationResponse
from sessions.tasks import evaluations_send_due
from tests.factories import AFTER_THE_LAST_SESSION, evaluation_link, make_registration, make_response, open_circle
from tests.reports.conftest import assert_in_order, pdf_text

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
PEOPLE = [("Anna", "de Vries"), ("Bram", "Bakker"), ("Chaima", "El Idrissi"), ("Dirk", "van Dam")]


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> Circle:
    return open_circle(projectleider, (begeleider,))


def _people(circle: Circle, count: int) -> list[Registration]:
    return [
        make_registration(circle, f"{first.lower()}@example.org", first_name=first, last_name=last)
        for first, last in PEOPLE[:count]
    ]


def _answer(circle: Circle, answered: int, invited: int) -> None:
    ratings = [[4, 5, 3], [5, 4, 3], [2, 4, 3]]
    texts = ["Het netwerk in de wijk", "Anders vragen stellen", "Casusbespreking"]
    for index, registration in enumerate(_people(circle, invited)):
        if index < answered:
            make_response(registration, ratings=ratings[index], answers=[texts[index], "", "Ja"])
        else:
            make_response(registration)


def _page(client: Client, user: User, circle: Circle) -> str:
    client.force_login(user)
    return client.get(f"/leerkringen/{circle.code}/").content.decode()


def test_below_three_answers_no_result_is_shown(client: Client, projectleider: User, circle: Circle) -> None:
    _answer(circle, answered=2, invited=4)
    page = _page(client, projectleider, circle)
    assert "2 van 4 uitgenodigde deelnemers hebben geantwoord (50%)." in page
    assert "De uitkomsten verschijnen vanaf 3 antwoorden, zodat niemand herkenbaar is." in page
    assert "Het netwerk in de wijk" not in page
    assert "ratings-chart" not in page


def test_from_three_answers_the_group_results_are_shown_without_names(
    client: Client, staf: User, circle: Circle
) -> None:
    _answer(circle, answered=3, invited=4)
    page = _page(client, staf, circle)
    assert "3 van 4 uitgenodigde deelnemers hebben geantwoord (75%)." in page
    # Statement 1: 4, 5, 2 → average 3,7; one 2, one 4, one 5.
    row = page[page.index("Ik heb iets geleerd dat ik in mijn werk gebruik.") :]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[1:7]]
    assert cells == ["3,7", "0", "1", "0", "1", "1"]
    chart = page[page.index("ratings-chart") :]
    assert chart.index("gem. 3,7") < chart.index("gem. 4,3")  # rounded as the table, not cut off
    assert ">1 helemaal niet mee eens<" in chart and ">5 helemaal mee eens<" in chart  # the form's words
    assert_in_order(page, ["Wat neemt u mee?", "Anders vragen stellen", "Casusbespreking", "Het netwerk in de wijk"])
    evaluation_part = page[page.index("evaluation-title") :]
    assert "Anna" not in evaluation_part and "Dirk" not in evaluation_part  # staf sees no names
    assert "Nog niet geantwoord" not in page


def test_the_project_leader_sees_who_has_not_answered_yet(client: Client, projectleider: User, circle: Circle) -> None:
    _answer(circle, answered=2, invited=4)
    page = _page(client, projectleider, circle)
    part = page[page.index("Nog niet geantwoord: 2 deelnemers") :]
    assert_in_order(part, ["Dirk van Dam", "Chaima El Idrissi"])  # by surname, "van" left out
    assert "Anna de Vries" not in part
    assert "Vragen en sluitingsdatum" in page


def test_the_circle_page_costs_the_same_queries_with_more_answers(
    client: Client, projectleider: User, projectleider2: User
) -> None:
    def queries(leader: User, invited: int) -> int:
        circle = open_circle(leader)
        _answer(circle, answered=min(invited, 3), invited=invited)
        client.force_login(projectleider)
        client.get(f"/leerkringen/{circle.code}/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/leerkringen/{circle.code}/").status_code == 200
        return len(captured)

    assert queries(projectleider, 3) == queries(projectleider2, 4)


def _circle_report_text(circle: Circle, projectleider: User, capture: Capture) -> str:
    """The circle report's text (pdftotext, content order), as the project leader requests it in Dutch."""
    with capture(execute=True), translation.override("nl"):
        report, _reused = services.report_request(kind=Report.Kind.CIRCLE_REPORT, circle=circle, user=projectleider)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    return pdf_text(report.file.read(), layout=False)


def test_the_circle_report_pdf_shows_the_results_without_names(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    _answer(circle, answered=3, invited=4)
    text = _circle_report_text(circle, projectleider, django_capture_on_commit_callbacks)
    assert_in_order(
        text,
        [
            "Evaluatie",
            "3 van 4 uitgenodigde deelnemers hebben geantwoord (75%).",
            "Stelling Gemiddeld 1 2 3 4 5",
            "Ik heb iets geleerd dat ik in mijn werk gebruik. 3,7 0 1 0 1 1",
            "De leerkring sloot aan bij mijn leervraag. 4,3 0 0 0 2 1",
            "Wat neemt u mee?",
            "Anders vragen stellen",
            "Casusbespreking",
            "Het netwerk in de wijk",
            "Is uw leervraag beantwoord?",
            "Ja",
        ],
    )
    assert "Nog niet geantwoord" not in text
    assert "Dirk van Dam" not in text.split("Evaluatie", 1)[1].split("Deelnemers", 1)[0]


def test_the_circle_report_hides_results_below_three_answers(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    _answer(circle, answered=2, invited=3)
    text = _circle_report_text(circle, projectleider, django_capture_on_commit_callbacks)
    assert "De uitkomsten verschijnen vanaf 3 antwoorden, zodat niemand herkenbaar is." in text
    assert "Het netwerk in de wijk" not in text


def test_the_circle_report_pdf_shows_the_impact_answers_beside_the_evaluation(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Capture
) -> None:
    Evaluation.objects.create(circle=circle, impact=True)
    _answer(circle, answered=3, invited=3)
    texts = ["Minder doorverwijzen.", "Ik betrek het netwerk eerder.", "We plannen samen met de vraagwijzer."]
    for registration, text in zip(Registration.objects.filter(circle=circle).order_by("pk"), texts, strict=True):
        make_response(registration, answers=[text], kind=EvaluationResponse.Kind.IMPACT)
    text = _circle_report_text(circle, projectleider, django_capture_on_commit_callbacks)
    assert_in_order(
        text,
        [
            "3 van 3 uitgenodigde deelnemers hebben geantwoord (100%).",
            "Het netwerk in de wijk",
            "Impactmeting na drie maanden",
            "3 van 3 uitgenodigde deelnemers hebben geantwoord (100%).",
            "Wat heeft u toegepast, en wat veranderde er?",
            *sorted(texts),
        ],
    )
    assert "Anna" not in text.split("Impactmeting na drie maanden", 1)[1].split("Deelnemers", 1)[0]


# Impact follow-up --------------------------------------------------------------------------------

THREE_MONTHS_LATER = datetime.datetime(2027, 6, 23, 10, 0, tzinfo=AFTER_THE_LAST_SESSION.tzinfo)


def _send(capture: Capture, moment: datetime.datetime) -> int:
    with time_machine.travel(moment), capture(execute=True):
        return int(evaluations_send_due.delay().get())


def test_the_impact_question_goes_out_three_months_after_the_last_session_when_asked(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    Evaluation.objects.create(circle=circle, impact=True)
    _people(circle, 1)
    _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION)
    mail.outbox.clear()
    assert _send(django_capture_on_commit_callbacks, THREE_MONTHS_LATER - datetime.timedelta(days=1)) == 0
    assert _send(django_capture_on_commit_callbacks, THREE_MONTHS_LATER) == 1
    [message] = mail.outbox
    assert message.subject == f"Wat heeft {circle.name} u gebracht?"
    assert "wat heeft u toegepast, en wat veranderde er?" in message.body
    response = EvaluationResponse.objects.get(kind=EvaluationResponse.Kind.IMPACT)

    with time_machine.travel(THREE_MONTHS_LATER):
        refused = client.post(evaluation_link(response), {"question_0": " "}).content.decode()
        assert "Vul hier uw antwoord in." in refused
        client.post(evaluation_link(response), {"question_0": "Ik betrek het netwerk eerder."})
    response.refresh_from_db()
    assert response.answers == ["Ik betrek het netwerk eerder."]


def test_an_english_reader_sees_the_impact_question_in_english(client: Client, circle: Circle) -> None:

    Evaluation.objects.create(circle=circle, impact=True)
    [registration] = _people(circle, 1)
    response = make_response(registration, kind=EvaluationResponse.Kind.IMPACT)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with time_machine.travel(THREE_MONTHS_LATER):
        page = client.get(evaluation_link(response)).content.decode()
    assert "What did you apply, and what changed?" in page
    assert "toegepast" not in page


def test_without_the_impact_follow_up_nothing_goes_out_later(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    _people(circle, 1)
    _send(django_capture_on_commit_callbacks, AFTER_THE_LAST_SESSION)
    assert _send(django_capture_on_commit_callbacks, THREE_MONTHS_LATER) == 0


def test_impact_answers_appear_beside_the_evaluation(client: Client, projectleider: User, circle: Circle) -> None:
    Evaluation.objects.create(circle=circle, impact=True)
    texts = ["Ik betrek het netwerk eerder.", "We plannen samen met de vraagwijzer.", "Minder doorverwijzen."]
    for registration, text in zip(_people(circle, 3), texts, strict=True):
        make_response(registration, ratings=[4, 4, 4], answers=["", "", ""])
        make_response(registration, answers=[text], kind=EvaluationResponse.Kind.IMPACT)
    page = _page(client, projectleider, circle)
    assert_in_order(
        page,
        ["Evaluatie", "Impactmeting na drie maanden", "Wat heeft u toegepast, en wat veranderde er?", *sorted(texts)],
    )


def test_results_outlast_the_anonymised_sign_ups(client: Client, projectleider: User, circle: Circle) -> None:
    _answer(circle, answered=3, invited=4)
    Registration.objects.filter(circle=circle).update(anonymised_at=timezone.now(), first_name="verwijderd")
    page = _page(client, projectleider, circle)
    assert "3 van 4 uitgenodigde deelnemers hebben geantwoord (75%)." in page
    assert "Het netwerk in de wijk" in page
    assert "Nog niet geantwoord" not in page

"""The PAR cycle keeps true dates: attendance and submitting from the session's own date (Amsterdam),
establishing only at a later session held on or after the day the verslag was submitted."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Session
from sessions.models import AttendanceCount, Outcome
from sessions.services.outcomes import OutcomeError, attendance_counts_save, outcome_establish, outcome_submit
from tests.factories import circle_with_sessions, on_the_day
from tests.pages import form_data

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MARCH_1, MARCH_9, MARCH_12, MARCH_17, MARCH_20 = (datetime.date(2027, 3, day) for day in (1, 9, 12, 17, 20))


@pytest.fixture
def sessions(projectleider: User, begeleider: User) -> list[Session]:
    """Sessions 1, 2 and 3 on 2, 9 and 16 March 2027."""
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    return sessions


def _url(session: Session, page: str = "verslag") -> str:
    return f"/bijeenkomsten/{session.code}/{page}/"


def _submitted_on(session: Session, user: User, day: datetime.date) -> Outcome:
    outcome = Outcome.objects.create(session=session, central_question="Wat werkt in de wijk?")
    with on_the_day(day):
        outcome_submit(outcome=outcome, user=user)
    return outcome


def test_submitting_before_the_session_date_is_refused(sessions: list[Session], begeleider: User) -> None:
    outcome = Outcome.objects.create(session=sessions[0], central_question="Wat werkt?")
    with (
        on_the_day(MARCH_1, hour=23),
        pytest.raises(
            OutcomeError, match=r"U kunt dit verslag indienen vanaf 2 maart 2027, de dag van bijeenkomst 1\."
        ),
    ):
        outcome_submit(outcome=outcome, user=begeleider)
    outcome.refresh_from_db()
    assert outcome.is_concept


def test_submitting_opens_at_midnight_in_amsterdam(sessions: list[Session], begeleider: User) -> None:
    outcome = Outcome.objects.create(session=sessions[0], central_question="Wat werkt?")
    # 00:15 on 2 March in Amsterdam is still 1 March in UTC.
    with time_machine.travel(datetime.datetime(2027, 3, 2, 0, 15, tzinfo=AMSTERDAM), tick=False):
        outcome_submit(outcome=outcome, user=begeleider)
    assert outcome.is_submitted and outcome.submitted_on == datetime.date(2027, 3, 2)


def test_the_page_offers_no_submitting_before_the_session_and_says_from_when(
    client: Client, sessions: list[Session], begeleider: User
) -> None:
    url = _url(sessions[0])
    with on_the_day(MARCH_1):
        client.force_login(begeleider)
        page = client.get(url).content.decode()
        data = {**form_data(page, url), "central_question": "Wat werkt?", "indienen": ""}
        response = client.post(url, data, follow=True)

    assert "Opslaan en indienen" not in page
    assert "U kunt dit verslag indienen vanaf 2 maart 2027, de dag van bijeenkomst 1. " in page
    assert "Tot dan kunt u het als concept opslaan." in page
    assert "Het verslag is opgeslagen, maar niet ingediend: U kunt dit verslag indienen vanaf 2 maart 2027" in (
        response.content.decode()
    )
    outcome = Outcome.objects.get(session=sessions[0])
    assert (outcome.central_question, outcome.status) == ("Wat werkt?", Outcome.Status.CONCEPT)


def test_attendance_before_the_session_date_is_refused(sessions: list[Session], begeleider: User) -> None:
    with (
        on_the_day(MARCH_1),
        pytest.raises(OutcomeError, match=r"U kunt de aanwezigheid bijhouden vanaf 2 maart 2027"),
    ):
        attendance_counts_save(session=sessions[0], user=begeleider, counts={"wijkteamleider": 3})
    assert not AttendanceCount.objects.exists()


def test_the_attendance_page_shows_no_form_before_the_session_and_refuses_a_post(
    client: Client, sessions: list[Session], begeleider: User
) -> None:
    url = _url(sessions[0], "aanwezigheid")
    with on_the_day(MARCH_1):
        client.force_login(begeleider)
        page = client.get(url).content.decode()
        response = client.post(url, {"formulier": "aantallen", "wijkteamleider": "3"}, follow=True)

    message = "U kunt de aanwezigheid bijhouden vanaf 2 maart 2027, de dag van bijeenkomst 1."
    assert message in page and "Aanwezigheid opslaan" not in page
    assert message in response.content.decode()
    assert not AttendanceCount.objects.exists()


def test_establishing_at_a_session_held_before_the_submission_is_refused(
    sessions: list[Session], begeleider: User, projectleider: User
) -> None:
    outcome = _submitted_on(sessions[0], begeleider, MARCH_12)
    with on_the_day(MARCH_20):
        with pytest.raises(
            OutcomeError,
            match=r"Bijeenkomst 2 \(9 maart 2027\) was vóór het indienen van dit verslag op 12 maart 2027\.",
        ):
            outcome_establish(outcome=outcome, at_session=sessions[1], user=projectleider)
        outcome_establish(outcome=outcome, at_session=sessions[2], user=projectleider)
    assert outcome.established_note() == "Besproken en vastgesteld tijdens bijeenkomst 3 op 16 maart 2027"


def test_a_session_on_the_day_of_the_submission_may_establish_it(
    sessions: list[Session], begeleider: User, projectleider: User
) -> None:
    outcome = _submitted_on(sessions[0], begeleider, MARCH_9)
    with on_the_day(MARCH_9, hour=18):
        outcome_establish(outcome=outcome, at_session=sessions[1], user=projectleider)
    assert outcome.established_at_session == sessions[1]


def test_pages_offer_establishing_only_where_allowed_and_say_where_otherwise(
    client: Client, sessions: list[Session], begeleider: User, projectleider: User
) -> None:
    outcome = _submitted_on(sessions[0], begeleider, MARCH_12)
    where = "U kunt dit verslag vaststellen tijdens bijeenkomst 3 op 16 maart 2027, of later."
    with on_the_day(MARCH_20):
        client.force_login(projectleider)
        earlier_dated = client.get(_url(sessions[1])).content.decode()
        later = client.get(_url(sessions[2])).content.decode()
        own = client.get(_url(sessions[0])).content.decode()
        refused = client.post(
            f"/bijeenkomsten/{sessions[1].code}/vaststellen/{sessions[0].code}/", {"discussed": "on"}, follow=True
        )

    assert "Verslag bijeenkomst 1 vaststellen" not in earlier_dated
    assert "Bijeenkomst 2 (9 maart 2027) was vóór het indienen van dit verslag op 12 maart 2027." in earlier_dated
    assert where in earlier_dated
    assert "Verslag bijeenkomst 1 vaststellen" in later
    assert where in own
    assert "was vóór het indienen van dit verslag" in refused.content.decode()
    outcome.refresh_from_db()
    assert outcome.is_submitted


def test_without_a_later_session_after_the_submission_the_page_says_so(
    client: Client, sessions: list[Session], begeleider: User
) -> None:
    _submitted_on(sessions[0], begeleider, MARCH_17)
    with on_the_day(MARCH_20):
        client.force_login(begeleider)
        page = client.get(_url(sessions[0])).content.decode()
    assert "Er is nog geen latere bijeenkomst gepland op of na 17 maart 2027, de dag van indienen." in page


def test_a_verslag_established_before_the_rule_at_an_earlier_dated_session_names_no_session(
    sessions: list[Session],
) -> None:
    outcome = Outcome.objects.create(
        session=sessions[0],
        status=Outcome.Status.ESTABLISHED,
        submitted_at=datetime.datetime(2027, 3, 12, 10, tzinfo=AMSTERDAM),
        established_at_session=sessions[1],
        established_at=datetime.datetime(2027, 3, 20, 10, tzinfo=AMSTERDAM),
    )
    assert outcome.established_session() is None
    assert outcome.established_note() == "Vastgesteld op 20 maart 2027"

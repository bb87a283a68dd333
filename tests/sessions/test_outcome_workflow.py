"""concept → ingediend → vastgesteld at a later session → heropend; who may do each step, and who not."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client

from circles.models import Session
from sessions.models import Outcome, OutcomeEvent
from sessions.services.outcomes import OutcomeError, outcome_establish, outcome_reopen, outcome_submit
from tests.factories import circle_with_sessions, on_the_day

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def after_all_sessions() -> Iterator[None]:
    """The sessions are in March 2027; establishing at one needs its date to have come."""
    with time_machine.travel(datetime.datetime(2027, 4, 1, 10, 0, tzinfo=AMSTERDAM), tick=False):
        yield


@pytest.fixture
def sessions(projectleider: User, begeleider: User, begeleider2: User) -> list[Session]:
    """Session 1 guided by begeleider, session 2 by begeleider2, session 3 by begeleider."""
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    sessions[1].facilitators.set([begeleider2])
    return sessions


def _submitted(session: Session, by: User) -> Outcome:
    """Submitted on the day of its own session, so every later session is on or after that day."""
    outcome = Outcome.objects.create(session=session, central_question="Wat werkt in de wijk?")
    with on_the_day(session.date):
        outcome_submit(outcome=outcome, user=by)
    return outcome


def _events(outcome: Outcome) -> list[tuple[str, int]]:
    return list(outcome.events.values_list("action", "by"))


@pytest.mark.django_db
def test_facilitator_submits_a_concept(sessions: list[Session], begeleider: User) -> None:
    outcome = _submitted(sessions[0], begeleider)
    assert outcome.status == Outcome.Status.SUBMITTED and outcome.submitted_at is not None
    assert _events(outcome) == [(OutcomeEvent.Action.SUBMITTED, begeleider.pk)]


@pytest.mark.django_db
def test_project_leader_may_submit_too(sessions: list[Session], projectleider: User) -> None:
    assert _submitted(sessions[0], projectleider).submitted_by == projectleider


@pytest.mark.django_db
def test_facilitator_of_another_session_may_not_submit(sessions: list[Session], begeleider2: User) -> None:
    outcome = Outcome.objects.create(session=sessions[0], central_question="Vraag")
    with pytest.raises(PermissionDenied):
        outcome_submit(outcome=outcome, user=begeleider2)


@pytest.mark.django_db
def test_submitted_verslag_cannot_be_submitted_twice(sessions: list[Session], begeleider: User) -> None:
    outcome = _submitted(sessions[0], begeleider)
    with pytest.raises(OutcomeError, match="Alleen een concept"):
        outcome_submit(outcome=outcome, user=begeleider)


@pytest.mark.django_db
def test_facilitator_of_the_next_session_establishes_it_there(
    sessions: list[Session], begeleider: User, begeleider2: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    outcome_establish(outcome=outcome, at_session=sessions[1], user=begeleider2)
    assert outcome.status == Outcome.Status.ESTABLISHED
    assert outcome.established_note() == "Besproken en vastgesteld tijdens bijeenkomst 2 op 9 maart 2027"
    assert _events(outcome)[-1] == (OutcomeEvent.Action.ESTABLISHED, begeleider2.pk)


@pytest.mark.django_db
def test_project_leader_establishes_at_any_later_session(
    sessions: list[Session], begeleider: User, projectleider: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    outcome_establish(outcome=outcome, at_session=sessions[2], user=projectleider)
    assert outcome.established_at_session == sessions[2]


@pytest.mark.django_db
def test_who_does_not_guide_the_later_session_may_not_establish(sessions: list[Session], begeleider: User) -> None:
    outcome = _submitted(sessions[0], begeleider)
    with pytest.raises(PermissionDenied):
        outcome_establish(outcome=outcome, at_session=sessions[1], user=begeleider)


@pytest.mark.django_db
def test_a_verslag_is_not_established_at_its_own_session(sessions: list[Session], begeleider: User) -> None:
    outcome = _submitted(sessions[0], begeleider)
    with pytest.raises(OutcomeError, match="latere bijeenkomst"):
        outcome_establish(outcome=outcome, at_session=sessions[0], user=begeleider)


@pytest.mark.django_db
def test_a_concept_cannot_be_established(sessions: list[Session], projectleider: User) -> None:
    outcome = Outcome.objects.create(session=sessions[0])
    with pytest.raises(OutcomeError, match="Alleen een ingediend verslag"):
        outcome_establish(outcome=outcome, at_session=sessions[1], user=projectleider)


@pytest.mark.django_db
def test_project_leader_reopens_an_established_verslag(
    sessions: list[Session], begeleider: User, projectleider: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    outcome_establish(outcome=outcome, at_session=sessions[1], user=projectleider)
    outcome_reopen(outcome=outcome, user=projectleider)
    assert (outcome.status, outcome.established_at_session) == (Outcome.Status.CONCEPT, None)
    assert [action for action, _by in _events(outcome)] == ["ingediend", "vastgesteld", "heropend"]
    assert _events(outcome)[-1][1] == projectleider.pk


@pytest.mark.django_db
def test_facilitator_may_not_reopen(sessions: list[Session], begeleider: User, projectleider: User) -> None:
    outcome = _submitted(sessions[0], begeleider)
    outcome_establish(outcome=outcome, at_session=sessions[1], user=projectleider)
    with pytest.raises(PermissionDenied):
        outcome_reopen(outcome=outcome, user=begeleider)


@pytest.mark.django_db
def test_only_an_established_verslag_is_reopened(sessions: list[Session], projectleider: User) -> None:
    outcome = Outcome.objects.create(session=sessions[0])
    with pytest.raises(OutcomeError, match="Alleen een vastgesteld verslag"):
        outcome_reopen(outcome=outcome, user=projectleider)


@pytest.mark.django_db
def test_next_session_page_lists_the_submitted_verslag_and_establishes_it(
    client: Client, sessions: list[Session], begeleider: User, begeleider2: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    client.force_login(begeleider2)
    page = client.get(f"/bijeenkomsten/{sessions[1].code}/verslag/").content.decode()
    assert "Vaststellen in deze bijeenkomst" in page
    assert "Verslag bijeenkomst 1 vaststellen" in page
    response = client.post(
        f"/bijeenkomsten/{sessions[1].code}/vaststellen/{sessions[0].code}/", {"discussed": "on"}, follow=True
    )
    assert "Het verslag van bijeenkomst 1 is vastgesteld." in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.status == Outcome.Status.ESTABLISHED


@pytest.mark.django_db
def test_reopen_through_the_page(
    client: Client, sessions: list[Session], begeleider: User, projectleider: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    outcome_establish(outcome=outcome, at_session=sessions[1], user=projectleider)
    url = f"/bijeenkomsten/{sessions[0].code}/verslag/"
    client.force_login(begeleider)
    assert "Verslag heropenen" not in client.get(url).content.decode()
    assert client.post(f"{url}heropenen/").status_code == 403
    client.force_login(projectleider)
    page = client.get(url).content.decode()
    assert "Besproken en vastgesteld tijdens bijeenkomst 2 op 9 maart 2027" in page
    response = client.post(f"{url}heropenen/", follow=True)
    assert "Het verslag is heropend en is weer een concept." in response.content.decode()


@pytest.mark.django_db
def test_a_verslag_is_not_established_before_the_later_session_has_come(
    sessions: list[Session], begeleider: User, projectleider: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    with (
        time_machine.travel(datetime.datetime(2027, 3, 8, 23, 30, tzinfo=AMSTERDAM), tick=False),
        pytest.raises(
            OutcomeError, match=r"Bijeenkomst 2 is nog niet geweest\. U kunt dit verslag vaststellen vanaf 9 maart 2027"
        ),
    ):
        outcome_establish(outcome=outcome, at_session=sessions[1], user=projectleider)
    outcome.refresh_from_db()
    assert outcome.status == Outcome.Status.SUBMITTED


@pytest.mark.django_db
def test_establishing_opens_on_the_sessions_date_in_amsterdam(
    sessions: list[Session], begeleider: User, projectleider: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    # 00:30 in Amsterdam is still 8 March in UTC.
    with time_machine.travel(datetime.datetime(2027, 3, 9, 0, 30, tzinfo=AMSTERDAM), tick=False):
        outcome_establish(outcome=outcome, at_session=sessions[1], user=projectleider)
    assert outcome.status == Outcome.Status.ESTABLISHED


@pytest.mark.django_db
def test_a_future_session_page_offers_no_establish_button_and_refuses_a_post(
    client: Client, sessions: list[Session], begeleider: User, begeleider2: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    client.force_login(begeleider2)
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, 0, tzinfo=AMSTERDAM), tick=False):
        page = client.get(f"/bijeenkomsten/{sessions[1].code}/verslag/").content.decode()
        response = client.post(
            f"/bijeenkomsten/{sessions[1].code}/vaststellen/{sessions[0].code}/", {"discussed": "on"}, follow=True
        )
    assert "Verslag bijeenkomst 1 vaststellen" not in page
    assert "U kunt hier vaststellen vanaf 9 maart 2027" in page
    assert "Bijeenkomst 2 is nog niet geweest." in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.status == Outcome.Status.SUBMITTED


@pytest.mark.django_db
def test_establishing_needs_the_discussed_confirmation(
    client: Client, sessions: list[Session], begeleider: User, begeleider2: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    client.force_login(begeleider2)
    page = client.get(f"/bijeenkomsten/{sessions[1].code}/verslag/").content.decode()
    assert "Besproken tijdens deze bijeenkomst" in page
    assert "Na vaststellen kan alleen de projectleider het verslag nog heropenen." in page
    response = client.post(f"/bijeenkomsten/{sessions[1].code}/vaststellen/{sessions[0].code}/", follow=True)
    assert "Vink eerst aan dat de groep het verslag tijdens deze bijeenkomst heeft besproken." in (
        response.content.decode()
    )
    outcome.refresh_from_db()
    assert outcome.status == Outcome.Status.SUBMITTED

"""The publication level of a verslag: chosen when it is established, changed by the project
leader, and who may read the verslag because of it (sessions/access.py)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.test import Client

from circles.models import Session
from sessions.access import outcomes_readable_by, public_outcomes
from sessions.models import Outcome
from sessions.services.outcomes import OutcomeError, outcome_set_publication, outcome_submit
from tests.conftest import make_user
from tests.factories import circle_with_sessions, on_the_day

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
Level = Outcome.Publication


@pytest.fixture(autouse=True)
def after_all_sessions() -> Iterator[None]:
    with time_machine.travel(datetime.datetime(2027, 4, 1, 10, 0, tzinfo=AMSTERDAM), tick=False):
        yield


@pytest.fixture
def sessions(projectleider: User, begeleider: User) -> list[Session]:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    return sessions


def _submitted(session: Session, by: User) -> Outcome:
    outcome = Outcome.objects.create(session=session, central_question="Wat werkt in de wijk?")
    with on_the_day(session.date):
        outcome_submit(outcome=outcome, user=by)
    return outcome


def _established(session: Session, level: str) -> Outcome:
    return Outcome.objects.create(
        session=session, central_question="Wat werkt in de wijk?", status=Outcome.Status.ESTABLISHED, publication=level
    )


def _establish_url(sessions: list[Session]) -> str:
    return f"/bijeenkomsten/{sessions[1].code}/vaststellen/{sessions[0].code}/"


@pytest.mark.django_db
def test_the_establish_form_offers_the_three_levels_with_intern_chosen(
    client: Client, sessions: list[Session], begeleider: User
) -> None:
    _submitted(sessions[0], begeleider)
    client.force_login(begeleider)
    page = client.get(f"/bijeenkomsten/{sessions[1].code}/verslag/").content.decode()
    assert "Publicatieniveau in de kennisbank" in page
    assert '<option value="intern" selected>Intern (de mensen van de leerkring)</option>' in page
    assert "Werkplaats (iedereen met een rol)" in page
    assert "Openbaar (zonder persoonsgegevens)" in page


@pytest.mark.django_db
def test_the_level_chosen_when_establishing_is_stored(
    client: Client, sessions: list[Session], begeleider: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    client.force_login(begeleider)
    client.post(_establish_url(sessions), {"discussed": "on", "publication": "openbaar"})
    outcome.refresh_from_db()
    assert (outcome.status, outcome.publication) == (Outcome.Status.ESTABLISHED, Level.PUBLIC)


@pytest.mark.django_db
def test_establishing_without_a_level_keeps_it_intern(
    client: Client, sessions: list[Session], begeleider: User
) -> None:
    outcome = _submitted(sessions[0], begeleider)
    client.force_login(begeleider)
    client.post(_establish_url(sessions), {"discussed": "on"})
    outcome.refresh_from_db()
    assert (outcome.status, outcome.publication) == (Outcome.Status.ESTABLISHED, Level.INTERN)


@pytest.mark.django_db
def test_an_unknown_level_establishes_nothing(client: Client, sessions: list[Session], begeleider: User) -> None:
    outcome = _submitted(sessions[0], begeleider)
    client.force_login(begeleider)
    client.post(_establish_url(sessions), {"discussed": "on", "publication": "iedereen"})
    outcome.refresh_from_db()
    assert outcome.status == Outcome.Status.SUBMITTED


@pytest.mark.django_db
def test_project_leader_changes_the_level_on_the_verslag_page(
    client: Client, sessions: list[Session], projectleider: User
) -> None:
    outcome = _established(sessions[0], Level.INTERN)
    client.force_login(projectleider)
    url = f"/bijeenkomsten/{sessions[0].code}/verslag/"
    assert f'action="{url}publicatie/"' in client.get(url).content.decode()
    page = client.post(f"{url}publicatie/", {"publication": "werkplaats"}, follow=True).content.decode()
    assert "Publicatieniveau gewijzigd in: Werkplaats (iedereen met een rol)." in page
    outcome.refresh_from_db()
    assert outcome.publication == Level.WERKPLAATS


@pytest.mark.django_db
def test_facilitator_sees_the_level_but_may_not_change_it(
    client: Client, sessions: list[Session], begeleider: User
) -> None:
    outcome = _established(sessions[0], Level.WERKPLAATS)
    client.force_login(begeleider)
    url = f"/bijeenkomsten/{sessions[0].code}/verslag/"
    page = client.get(url).content.decode()
    assert 'data-testid="publication">Werkplaats (iedereen met een rol)</p>' in page
    assert client.post(f"{url}publicatie/", {"publication": "openbaar"}).status_code == 403
    outcome.refresh_from_db()
    assert outcome.publication == Level.WERKPLAATS


@pytest.mark.django_db
def test_a_concept_has_no_level_to_change(sessions: list[Session], projectleider: User) -> None:
    outcome = Outcome.objects.create(session=sessions[0])
    with pytest.raises(OutcomeError, match="Alleen van een vastgesteld verslag"):
        outcome_set_publication(outcome=outcome, user=projectleider, publication="openbaar")


@pytest.mark.django_db
def test_only_the_circles_project_leader_changes_the_level(sessions: list[Session], projectleider2: User) -> None:
    outcome = _established(sessions[0], Level.INTERN)
    with pytest.raises(PermissionDenied):
        outcome_set_publication(outcome=outcome, user=projectleider2, publication="openbaar")


@pytest.mark.django_db
def test_who_reads_which_level(
    client: Client, sessions: list[Session], begeleider: User, begeleider2: User, staf: User, outsider: User
) -> None:
    intern = _established(sessions[0], Level.INTERN)
    werkplaats = _established(sessions[1], Level.WERKPLAATS)
    public = _established(sessions[2], Level.PUBLIC)
    colleague = make_user("bg3", "begeleider")
    sessions[2].facilitators.add(colleague)
    assert set(outcomes_readable_by(begeleider2)) == {werkplaats, public}
    assert set(outcomes_readable_by(colleague)) == {intern, werkplaats, public}
    assert set(outcomes_readable_by(staf)) == {intern, werkplaats, public}
    assert set(outcomes_readable_by(AnonymousUser())) == {public}
    assert set(public_outcomes()) == {public}
    assert not outcomes_readable_by(outsider).exists()
    client.force_login(begeleider2)
    assert client.get(f"/bijeenkomsten/{sessions[0].code}/verslag/").status_code == 404
    assert client.get(f"/bijeenkomsten/{sessions[1].code}/verslag/").status_code == 200
    # Reading is not editing: the published verslag of another circle stays read-only.
    assert client.post(f"/bijeenkomsten/{sessions[1].code}/verslag/", {}).status_code == 403


@pytest.mark.django_db
def test_a_verslag_not_yet_established_is_read_by_nobody_new(sessions: list[Session], begeleider2: User) -> None:
    Outcome.objects.create(session=sessions[0], status=Outcome.Status.SUBMITTED, publication=Level.PUBLIC)
    assert not outcomes_readable_by(begeleider2).exists()
    assert not public_outcomes().exists()

"""A facilitator counts as one only while in group begeleider: revoking the role revokes the access."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from circles.models import Session
from leerkring.core.roles import BEGELEIDER
from sessions.models import Attendance, CalendarToken, Outcome
from sessions.services.calendar_tokens import calendar_token_for
from tests.factories import circle_with_sessions, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(projectleider: User, begeleider: User, begeleider2: User) -> list[Session]:
    circle, sessions = circle_with_sessions(projectleider, [begeleider, begeleider2])
    make_registration(circle, "anna@example.org", first_name="Anna", last_name="Jansen")
    Outcome.objects.create(session=sessions[0], central_question="Wat is de opbrengst?")
    return sessions


def revoke(user: User) -> None:
    user.groups.remove(Group.objects.get(name=BEGELEIDER))


PAGES = ["sessions:attendance", "sessions:outcome"]


@pytest.mark.parametrize("name", PAGES)
def test_a_former_begeleider_gets_404_on_the_pages_of_sessions_they_guided(
    client: Client, begeleider2: User, sessions: list[Session], name: str
) -> None:
    revoke(begeleider2)
    client.force_login(begeleider2)

    response = client.get(reverse(name, args=[sessions[0].code]))

    assert response.status_code == 404
    assert "Anna" not in response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_a_begeleider_still_in_the_group_keeps_the_pages(
    client: Client, begeleider: User, begeleider2: User, sessions: list[Session], name: str
) -> None:
    revoke(begeleider2)
    client.force_login(begeleider)

    assert client.get(reverse(name, args=[sessions[0].code])).status_code == 200


@pytest.mark.parametrize("persona", ["projectleider", "superuser"])
@pytest.mark.parametrize("name", PAGES)
def test_project_leader_and_superuser_keep_their_own_rules_without_the_role(
    client: Client, request: pytest.FixtureRequest, sessions: list[Session], persona: str, name: str
) -> None:
    user = request.getfixturevalue(persona)
    sessions[0].facilitators.add(user)
    client.force_login(user)

    assert client.get(reverse(name, args=[sessions[0].code])).status_code == 200


def test_a_former_begeleider_cannot_save_attendance(client: Client, begeleider2: User, sessions: list[Session]) -> None:
    revoke(begeleider2)
    client.force_login(begeleider2)

    response = client.post(
        reverse("sessions:attendance", args=[sessions[0].code]),
        {"formulier": "individueel", "gast-TOTAL_FORMS": "0", "gast-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 404
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("name", "extra"),
    [("sessions:outcome", []), ("sessions:outcome_reopen", []), ("sessions:outcome_establish", ["earlier"])],
)
def test_a_former_begeleider_cannot_change_the_verslag(
    client: Client, begeleider2: User, sessions: list[Session], name: str, extra: list[str]
) -> None:
    revoke(begeleider2)
    client.force_login(begeleider2)
    args = [sessions[1].code, sessions[0].code] if extra else [sessions[0].code]
    before = Outcome.objects.get()

    assert client.post(reverse(name, args=args), {"opslaan": ""}).status_code == 404
    after = Outcome.objects.get()
    assert (after.version, after.status) == (before.version, before.status)


def test_the_private_feed_of_a_former_begeleider_is_gone(
    client: Client, begeleider2: User, sessions: list[Session]
) -> None:
    token = calendar_token_for(user=begeleider2).token
    url = reverse("sessions:feed", args=[token])
    assert client.get(url).status_code == 200

    revoke(begeleider2)

    assert client.get(url).status_code == 404


def test_my_sessions_lists_nothing_for_a_former_begeleider(
    client: Client, begeleider2: User, sessions: list[Session]
) -> None:
    revoke(begeleider2)
    client.force_login(begeleider2)

    page = client.get(reverse("sessions:mine")).content.decode()

    assert sessions[0].circle.name not in page
    assert not CalendarToken.objects.filter(user=begeleider2).exists()

"""Actions (actieleren) of one session come back on the next session's verslag until they are done."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Session
from sessions.models import Action
from tests.factories import circle_with_sessions
from tests.pages import form_data


def _url(session: Session) -> str:
    return f"/bijeenkomsten/{session.code}/verslag/"


@pytest.mark.django_db
def test_open_actions_are_carried_to_the_next_session_until_done(
    client: Client, projectleider: User, begeleider: User
) -> None:
    _circle, (first, second, third) = circle_with_sessions(projectleider, [begeleider])
    client.force_login(begeleider)

    data = form_data(client.get(_url(first)).content.decode(), _url(first))
    assert data["actie-0-due_session"] == str(second.pk)  # default: the next session
    data.update({"actie-0-description": "Sociale kaart bijwerken", "actie-0-owner_name": "Anna de Vries"})
    client.post(_url(first), {**data, "meer-actie": ""})
    data = form_data(client.get(f"{_url(first)}?meer=actie").content.decode(), _url(first))
    data.update({"actie-1-description": "Casus inbrengen", "actie-1-owner_name": "Berry van den Bos"})
    client.post(_url(first), {**data, "opslaan": ""})
    sociale_kaart, casus = Action.objects.filter(session=first)

    page = client.get(_url(second)).content.decode()
    assert "Acties van eerdere bijeenkomsten" in page
    assert "Sociale kaart bijwerken" in page and "Casus inbrengen" in page
    data = form_data(page, _url(second))
    data.update({"eerder-0-done": "1", "eerder-1-done": "0"})
    client.post(_url(second), {**data, "opslaan": ""})

    sociale_kaart.refresh_from_db()
    casus.refresh_from_db()
    assert (sociale_kaart.status, sociale_kaart.done_at_session) == (Action.Status.DONE, second)
    assert (casus.status, casus.due_session) == (Action.Status.OPEN, third)
    page = client.get(_url(third)).content.decode()
    assert "Casus inbrengen" in page and "Sociale kaart bijwerken" not in page


@pytest.mark.django_db
def test_owner_suggestions_are_participants_and_facilitators(
    client: Client, projectleider: User, begeleider: User
) -> None:
    from tests.factories import make_registration

    circle, (first, *_rest) = circle_with_sessions(projectleider, [begeleider])
    make_registration(circle, "anna@example.org")
    make_registration(circle, "piet@example.org", first_name="Piet", status="wachtlijst")
    client.force_login(begeleider)
    page = client.get(_url(first)).content.decode()
    assert '<option value="Anna de Vries">' in page
    assert '<option value="Berry van den Bos">' in page
    assert "Piet" not in page

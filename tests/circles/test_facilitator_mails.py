"""Facilitators get a mail with a calendar update when they are assigned, their session moves, or it is off."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from icalendar import Calendar
from pytest_django import DjangoCaptureOnCommitCallbacks as Capture

from circles.models import Circle
from tests.factories import make_registration, ready_circle
from tests.pages import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def pl_client(client: Client, projectleider: User) -> Client:
    client.force_login(projectleider)
    return client


@pytest.fixture
def published(projectleider: User, begeleider: User, begeleider2: User) -> Circle:
    circle = ready_circle(projectleider, [begeleider, begeleider2], status=Circle.Status.PUBLISHED)
    make_registration(circle)
    return circle


def session_data(*facilitators: User, **changes: str) -> dict[str, object]:
    data: dict[str, object] = {
        "date": "2027-03-02",
        "start_time": "13:00",
        "end_time": "16:00",
        "location": "Museumpark 40, Rotterdam",
        "facilitators": [user.pk for user in facilitators],
    }
    data.update(changes)
    return data


def to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def calendar(message: mail.EmailMessage) -> Calendar:
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert name == "leerkring.ics" and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def html(message: mail.EmailMessage) -> str:
    assert isinstance(message, mail.EmailMultiAlternatives)
    return str(message.alternatives[0][0])


def test_publishing_invites_each_facilitator_once_for_all_their_sessions(
    pl_client: Client,
    projectleider: User,
    begeleider: User,
    begeleider2: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    with django_capture_on_commit_callbacks(execute=True):
        publish(pl_client, circle)
    (invite,) = to("bg@example.org")
    assert len(to("bg2@example.org")) == 1
    assert invite.subject == "U begeleidt bij Leerkring 1 - Methodiekontwikkeling"
    assert "Beste Berry," in invite.body
    assert (
        "U bent ingepland als begeleider van deze bijeenkomsten van Leerkring 1 - Methodiekontwikkeling:" in invite.body
    )
    assert "1. dinsdag 2 maart 2027, 13:00–16:00, Museumpark 40, Rotterdam" in invite.body
    assert f"/leerkringen/{circle.code}/" in invite.body
    assert "<strong>Leerkring 1 - Methodiekontwikkeling</strong>" in html(invite)
    ics = calendar(invite)
    assert ics["METHOD"] == "REQUEST"
    events = ics.walk("VEVENT")
    assert len(events) == 4
    assert str(events[0]["ATTENDEE"]) == "mailto:bg@example.org"


def test_a_moved_session_mails_its_facilitators_with_the_old_and_new_time(
    pl_client: Client,
    published: Circle,
    begeleider: User,
    begeleider2: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    session = published.sessions.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        pl_client.post(
            f"/bijeenkomsten/{session.code}/wijzigen/",
            session_data(begeleider, begeleider2, date="2027-03-03", start_time="14:00", end_time="17:00"),
        )
    (moved,) = to("bg@example.org")
    assert moved.subject == "Gewijzigd: bijeenkomst 1 van Leerkring 1 - Methodiekontwikkeling"
    assert "Bijeenkomst 1 van Leerkring 1 - Methodiekontwikkeling, die u begeleidt, is gewijzigd." in moved.body
    assert "Was:   dinsdag 2 maart 2027, 13:00–16:00, Museumpark 40, Rotterdam" in moved.body
    assert "Wordt: woensdag 3 maart 2027, 14:00–17:00, Museumpark 40, Rotterdam" in moved.body
    (event,) = calendar(moved).walk("VEVENT")
    assert event["UID"] == f"{session.code}@leerkring"
    assert "DTSTART;TZID=Europe/Amsterdam:20270303T140000" in event.to_ical().decode()
    assert len(to("bg2@example.org")) == 1
    assert len(to("anna@example.org")) == 1  # the participant's own mail, as before


def test_a_facilitator_taken_off_gets_a_cancellation_and_the_new_one_an_invitation(
    pl_client: Client,
    published: Circle,
    begeleider: User,
    begeleider2: User,
    projectleider2: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    newcomer = User.objects.create_user("bg3", "bg3@example.org", "pw", first_name="Fatima", last_name="El Amrani")
    newcomer.groups.add(begeleider.groups.get())
    session = published.sessions.get(number=2)
    with django_capture_on_commit_callbacks(execute=True):
        pl_client.post(
            f"/bijeenkomsten/{session.code}/wijzigen/", session_data(begeleider, newcomer, date="2027-03-09")
        )
    assert to("bg@example.org") == []  # kept, and nothing about the session changed
    (off,) = to("bg2@example.org")
    assert off.subject == "Vervallen: bijeenkomst 2 van Leerkring 1 - Methodiekontwikkeling"
    assert "U begeleidt deze bijeenkomst van Leerkring 1 - Methodiekontwikkeling niet meer:" in off.body
    assert "2. dinsdag 9 maart 2027, 13:00–16:00" in off.body
    ics = calendar(off)
    assert ics["METHOD"] == "CANCEL"
    (event,) = ics.walk("VEVENT")
    assert (event["STATUS"], event["UID"]) == ("CANCELLED", f"{session.code}@leerkring")
    (invite,) = to("bg3@example.org")
    assert "Beste Fatima," in invite.body
    assert calendar(invite)["METHOD"] == "REQUEST"


def test_cancelling_the_circle_cancels_every_facilitators_sessions(
    pl_client: Client, published: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        pl_client.post(f"/leerkringen/{published.code}/status/", {"to": "geannuleerd"})
    (cancelled,) = to("bg@example.org")
    assert cancelled.subject == "Geannuleerd: Leerkring 1 - Methodiekontwikkeling"
    assert "De leerkring Leerkring 1 - Methodiekontwikkeling is geannuleerd." in cancelled.body
    ics = calendar(cancelled)
    assert ics["METHOD"] == "CANCEL"
    assert [event["STATUS"] for event in ics.walk("VEVENT")] == ["CANCELLED"] * 4


def test_a_concept_circle_mails_no_facilitator_while_it_is_planned(
    pl_client: Client,
    projectleider: User,
    begeleider: User,
    begeleider2: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    session = circle.sessions.get(number=1)
    with django_capture_on_commit_callbacks(execute=True):
        pl_client.post(f"/bijeenkomsten/{session.code}/wijzigen/", session_data(begeleider, date="2027-03-03"))
    session.refresh_from_db()
    assert session.date == datetime.date(2027, 3, 3)  # saved, without a mail
    assert mail.outbox == []

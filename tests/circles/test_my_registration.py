"""Self-service: the page after signing up, "Mijn aanmelding" behind the mailed link, the calendar file."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from circles.models import Circle, Registration, Session
from circles.services.registrations import registration_cancel_token
from circles.services.sessions import session_save
from tests.factories import make_registration, open_circle, signup_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]

Capture = Callable[..., Any]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> Circle:
    return open_circle(projectleider, facilitators=(begeleider,), capacity=1)


def _sign_up(client: Client, circle: Circle, capture: Capture, **overrides: str) -> str:
    with capture(execute=True):
        response = client.post(reverse("circles:public_detail", args=[circle.code]), signup_data(**overrides))
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def _outcome(html: str) -> str:
    found = re.search(r'data-testid="signup-outcome">(.*?)</div>', html, flags=re.S)
    assert found is not None
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


def test_the_page_after_signing_up_says_place_or_waiting_list_position_and_what_happens_next(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    first = _sign_up(Client(), circle, django_capture_on_commit_callbacks)
    assert _outcome(first) == "U heeft een plaats. De eerste bijeenkomst is op dinsdag 2 maart 2027 om 13:00."
    assert "Wat gebeurt er nu?" in first and "Mijn aanmelding" in first
    second = _sign_up(Client(), circle, django_capture_on_commit_callbacks, email="piet@example.org")
    assert _outcome(second).startswith("De leerkring is vol: u staat op plaats 1 van de wachtlijst.")
    third = _sign_up(Client(), circle, django_capture_on_commit_callbacks, email="kees@example.org")
    assert _outcome(third).startswith("De leerkring is vol: u staat op plaats 2 van de wachtlijst.")


def test_a_repeated_address_gets_the_page_a_new_one_would_so_a_stranger_learns_nothing(
    circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "fatima.elamrani@example.org")  # holds the only place
    repeated = _sign_up(Client(), circle, django_capture_on_commit_callbacks)
    new = _sign_up(Client(), circle, django_capture_on_commit_callbacks, email="nieuw@example.org")
    assert _outcome(repeated) == "De leerkring is vol: u staat op plaats 1 van de wachtlijst. " + (
        "Komt er een plaats vrij, dan krijgt u die in volgorde van de wachtlijst, en een e-mail."
    )
    assert _outcome(new) == _outcome(repeated)
    assert Registration.objects.count() == 2


def test_a_link_to_the_page_shows_no_one_elses_outcome(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    _sign_up(client, circle, django_capture_on_commit_callbacks)
    html = Client().get(reverse("circles:signup_done", args=[circle.code])).content.decode()
    assert 'data-testid="signup-outcome"' not in html
    assert "Wat gebeurt er nu?" in html


def test_the_mailed_link_opens_mijn_aanmelding_with_status_programme_and_calendar(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    _sign_up(client, circle, django_capture_on_commit_callbacks)
    [confirmation] = mail.outbox
    body = str(confirmation.body)
    [link] = re.findall(r"http://\S+/mijn-aanmelding/\S+/", body)
    assert "Mijn aanmelding (uw aanmelding, het programma en een agendabestand, afmelden):" in body
    assert isinstance(confirmation, EmailMultiAlternatives)
    html_body = str(confirmation.alternatives[0][0])
    assert f'href="{link}"' in html_body
    response = Client().get(link.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    for text in (
        "Mijn aanmelding",
        "Aangemeld als <strong>Fatima El Amrani</strong>",
        "U heeft een plaats in deze leerkring.",
        "Bijeenkomst 1</strong> – dinsdag 2 maart 2027, 13:00–16:00",
        "Bijeenkomst 4</strong> – dinsdag 23 maart 2027, 13:00–16:00",
        "Komende bijeenkomsten in mijn agenda (.ics)",
        ">Ja, meld mij af</button>",
    ):
        assert text in page


def test_cancelling_from_mijn_aanmelding_is_confirmed_by_mail(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    registration = make_registration(circle)
    token = registration_cancel_token(registration)
    page = client.get(reverse("circles:mine", args=[token])).content.decode()
    [action] = re.findall(r'<form method="post" action="([^"]+)"', page)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(action)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    [confirmation] = mail.outbox
    assert confirmation.to == ["anna@example.org"]
    assert "U bent afgemeld voor Leerkring 1 - Methodiekontwikkeling." in confirmation.body
    page = client.get(reverse("circles:mine", args=[token])).content.decode()
    assert "U bent afgemeld voor deze leerkring." in page
    assert "Ja, meld mij af" not in page


def _details(**overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Anna",
        "last_name": "de Vries-Bakker",
        "phone": "06 12345678",
        "organisation": "wijkteam",
        "team": "Feijenoord",
        "function": "wijkteammedewerker",
        "learning_question": "Hoe voer ik een goed gesprek over geldzorgen?",
        "professional_register": "skj",
        "registration_number": "110 012 345",
    }
    data.update(overrides)
    return data


def test_changing_own_details_from_mijn_aanmelding_keeps_the_address(client: Client, circle: Circle) -> None:
    registration = make_registration(circle)
    token = registration_cancel_token(registration)
    page = client.get(reverse("circles:mine", args=[token])).content.decode()
    [link] = re.findall(r'href="([^"]+/gegevens/)">Mijn gegevens wijzigen</a>', page)
    form = client.get(link).content.decode()
    assert 'value="Charlois"' in form
    assert "Uw e-mailadres (anna@example.org) blijft hetzelfde" in form
    assert 'name="email"' not in form
    response = client.post(link, {**_details(), "email": "iemand@example.org"}, follow=True)
    assert "Uw gegevens zijn opgeslagen." in response.content.decode()
    registration.refresh_from_db()
    assert (registration.last_name, registration.team, registration.phone) == (
        "de Vries-Bakker",
        "Feijenoord",
        "06 12345678",
    )
    assert registration.learning_question == "Hoe voer ik een goed gesprek over geldzorgen?"
    assert (registration.professional_register, registration.registration_number) == ("skj", "110012345")
    assert registration.email == "anna@example.org"
    assert "Aangemeld als <strong>Anna de Vries-Bakker</strong>" in response.content.decode()


def test_a_wrong_registration_number_on_mijn_aanmelding_is_refused_next_to_the_field(
    client: Client, circle: Circle
) -> None:
    registration = make_registration(circle)
    link = reverse("circles:mine_details", args=[registration_cancel_token(registration)])
    html = client.post(link, _details(registration_number="12345")).content.decode()
    assert "Uw gegevens zijn nog niet opgeslagen." in html
    assert "Een SKJ-registratienummer heeft 9 cijfers." in html
    assert 'value="Feijenoord"' in html
    registration.refresh_from_db()
    assert (registration.team, registration.registration_number) == ("Charlois", "")


def test_once_cancelled_or_with_a_tampered_link_the_details_cannot_be_changed(client: Client, circle: Circle) -> None:
    registration = make_registration(circle, status=Registration.Status.CANCELLED)
    token = registration_cancel_token(registration)
    assert "Mijn gegevens wijzigen" not in client.get(reverse("circles:mine", args=[token])).content.decode()
    response = client.post(reverse("circles:mine_details", args=[token]), _details())
    assert response.status_code == 302
    response = client.post(reverse("circles:mine_details", args=[token[:-2] + "xx"]), _details())
    assert response.status_code == 400
    assert "Deze link naar Mijn aanmelding werkt niet" in response.content.decode()
    registration.refresh_from_db()
    assert registration.team == "Charlois"


def test_a_tampered_link_is_refused_with_a_clear_page(client: Client, circle: Circle) -> None:
    token = registration_cancel_token(make_registration(circle))
    response = client.get(reverse("circles:mine", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    assert "Deze link naar Mijn aanmelding werkt niet" in response.content.decode()


def test_after_the_circle_mijn_aanmelding_still_opens_but_changes_nothing_and_an_old_link_expires(
    client: Client, circle: Circle
) -> None:
    """The evaluation and the proof of participation come after the last session: the page stays."""
    token = registration_cancel_token(make_registration(circle))
    with time_machine.travel(datetime.datetime(2027, 7, 2, 12, tzinfo=datetime.UTC)):
        page = client.get(reverse("circles:mine", args=[token]))
        details = client.get(reverse("circles:mine_details", args=[token]))
        cancel = client.get(reverse("circles:cancel", args=[token]))
    assert page.status_code == 200
    assert "U heeft een plaats in deze leerkring." in page.content.decode()
    assert "Mijn gegevens wijzigen" not in page.content.decode()
    assert "Ja, meld mij af" not in page.content.decode()
    assert details.status_code == 410
    assert "Deze link naar Mijn aanmelding is verlopen" in details.content.decode()
    assert cancel.status_code == 410
    with time_machine.travel(datetime.datetime(2030, 1, 2, 12, tzinfo=datetime.UTC)):
        response = client.get(reverse("circles:mine", args=[token]))
    assert response.status_code == 410
    assert "Deze link naar Mijn aanmelding is verlopen" in response.content.decode()
    assert "De leerkring is al lang afgelopen." in response.content.decode()


def _events(ics: bytes) -> list[Any]:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def test_the_calendar_holds_only_sessions_still_to_come_with_sequence_and_last_modified(
    client: Client, circle: Circle, begeleider: User
) -> None:
    token = registration_cancel_token(make_registration(circle))
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=datetime.UTC)):
        events = _events(client.get(reverse("circles:mine_calendar", args=[token])).content)
    assert [event.decoded("dtstart").date() for event in events] == [
        datetime.date(2027, 3, 16),
        datetime.date(2027, 3, 23),
    ]
    assert all(event["sequence"] == 0 for event in events)
    assert all("last-modified" in event for event in events)
    session = Session.objects.get(circle=circle, date=datetime.date(2027, 3, 16))
    session.location = "Wijkcentrum Hoogvliet"
    session_save(session=session, facilitators=[begeleider], building_blocks=[])
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=datetime.UTC)):
        events = _events(client.get(reverse("circles:mine_calendar", args=[token])).content)
    assert [(event["location"], event["sequence"]) for event in events] == [
        ("Wijkcentrum Hoogvliet", 1),
        ("Museumpark 40, Rotterdam", 0),
    ]


def test_a_mail_sent_during_the_circle_attaches_only_the_sessions_still_to_come(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    Circle.objects.filter(pk=circle.pk).update(capacity=5)
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=datetime.UTC)):
        _sign_up(client, circle, django_capture_on_commit_callbacks)
    [confirmation] = mail.outbox
    [(_name, ics, _type)] = confirmation.attachments
    assert len(_events(ics.encode() if isinstance(ics, str) else ics)) == 2


def test_a_lost_link_is_mailed_again_and_the_page_tells_a_stranger_nothing(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle)
    expired = client.get(reverse("circles:mine", args=["not-a-signed-token"])).content.decode()
    [lost] = re.findall(r'href="([^"]+)">Stuur mij de link naar Mijn aanmelding opnieuw</a>', expired)
    assert "Vul het e-mailadres in waarmee u zich heeft aangemeld." in client.get(lost).content.decode()
    pages = []
    for address in (" Anna@Example.org", "onbekend@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            html = client.post(lost, {"email": address}).content.decode()
        found = re.search(r'data-testid="lost-link-sent">(.*?)</div>', html, flags=re.S)
        assert found is not None
        pages.append(found.group(1).replace(address.strip().lower(), "ADRES"))
    assert pages[0] == pages[1]
    assert "Als ADRES bij ons bekend is, krijgt u binnen een paar minuten een e-mail" in pages[0]
    [sent] = mail.outbox
    assert sent.to == ["anna@example.org"]
    assert sent.subject == "Uw link naar Mijn aanmelding voor Leerkring 1 - Methodiekontwikkeling"
    [link] = re.findall(r"http://\S+/mijn-aanmelding/\S+/", str(sent.body))
    assert (
        "Aangemeld als <strong>Anna de Vries</strong>"
        in client.get(link.removeprefix("http://127.0.0.1:8000")).content.decode()
    )


def test_a_lost_link_asks_for_a_valid_address(client: Client, circle: Circle) -> None:
    html = client.post(reverse("circles:mine_lost"), {"email": "geen-adres"}).content.decode()
    assert "De link is nog niet verstuurd." in html
    assert "Vul een geldig e-mailadres in." in html
    assert not mail.outbox

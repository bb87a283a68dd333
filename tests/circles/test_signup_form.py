"""The public circle page and its sign-up form, as a visitor sees them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from circles.models import Circle, Registration
from leerkring.core.models import OutgoingMail
from tests.factories import make_registration, open_circle, signup_data, started

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_the_circles_clock")]


Capture = Callable[..., Any]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def circle(projectleider: User, begeleider: User, begeleider2: User) -> Circle:
    return open_circle(projectleider, facilitators=(begeleider, begeleider2), capacity=2, description="Samen leren.")


def _url(circle: Circle) -> str:
    return reverse("circles:public_detail", args=[circle.code])


def _without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _post(client: Client, circle: Circle, capture: Capture, **overrides: str) -> Any:
    with capture(execute=True):
        return client.post(_url(circle), signup_data(**overrides))


def test_public_page_shows_what_a_professional_needs_to_decide(client: Client, circle: Circle) -> None:
    html = client.get(_url(circle)).content.decode()
    for text in (
        circle.name,
        "Ervaringen uitwisselen en omzetten in handvatten.",
        "Samen leren.",
        "dinsdag 2 maart 2027, 13:00–16:00",
        "Museumpark 40, Rotterdam",
        "Berry van den Bos, Henk Koetsveld",
        "Elizabeth van Twist",
        "Nog 2 van de 2 plaatsen vrij.",
    ):
        assert text in html
    for label in (
        "Voornaam",
        "Achternaam",
        "E-mailadres",
        "Telefoonnummer",
        "Organisatie",
        "Team of locatie",
        "Functie",
        "Leervraag",
    ):
        assert re.search(rf"<label[^>]*>\s*{label}\b", html), label
    assert "Ik ga akkoord met de" in html and f'href="{reverse("circles:privacy")}"' in html
    assert ">Aanmelden</button>" in html


def test_concept_circle_is_not_public(client: Client, projectleider: User) -> None:
    circle = open_circle(projectleider)
    Circle.objects.filter(pk=circle.pk).update(status=Circle.Status.CONCEPT)
    assert client.get(_url(circle)).status_code == 404


def test_sign_up_confirms_lowercases_the_address_and_mails_after_commit(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    response = _post(client, circle, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("circles:signup_done", args=[circle.code])
    registration = Registration.objects.get()
    assert registration.email == "fatima.elamrani@example.org"
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.team == "Hoogvliet"
    assert [message.to for message in mail.outbox] == [["fatima.elamrani@example.org"]]
    done = client.get(response["Location"]).content.decode()
    assert "Bedankt, uw aanmelding is ontvangen" in done


def test_full_circle_offers_the_waiting_list_with_the_position(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    make_registration(circle, "a@example.org")
    make_registration(circle, "b@example.org")
    make_registration(circle, "c@example.org", status=Registration.Status.WAITLIST)
    html = client.get(_url(circle)).content.decode()
    assert "Wachtlijst" in html and "u komt dan op plaats 2" in html
    _post(client, circle, django_capture_on_commit_callbacks)
    assert Registration.objects.get(email="fatima.elamrani@example.org").status == Registration.Status.WAITLIST
    assert "plaats 2 van de wachtlijst" in mail.outbox[0].body


def test_same_address_twice_makes_no_second_row_and_the_page_says_nothing_about_it(
    client: Client, circle: Circle, django_capture_on_commit_callbacks: Capture
) -> None:
    first = _post(client, circle, django_capture_on_commit_callbacks)
    first_page = client.get(first["Location"]).content.decode()
    second = _post(client, circle, django_capture_on_commit_callbacks, email="FATIMA.elamrani@example.org ")
    assert second["Location"] == first["Location"]
    assert _without_csrf(client.get(second["Location"]).content.decode()) == _without_csrf(first_page)
    assert Registration.objects.count() == 1
    assert mail.outbox[1].subject == f"U bent al aangemeld voor {circle.name}"
    assert "geen tweede aanmelding" in mail.outbox[1].body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "fatima@", "Vul een geldig e-mailadres in."),
        ("first_name", "F" * 101, "Deze tekst telt 101 tekens; er passen er 100."),
        ("learning_question", "v" * 2001, "Deze tekst telt 2001 tekens; er passen er 2000."),
        ("team", "Hoog\x07vliet", "onzichtbare tekens of stuurtekens"),
        ("learning_question", "regel\u202eomgekeerd", "onzichtbare tekens of stuurtekens"),
        ("phone", "bel me maar", "Vul een geldig telefoonnummer in"),
        ("organisation", "", "Dit veld is verplicht."),
        ("privacy", "", "akkoord gaat met de privacyverklaring"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_the_field_and_keeps_the_rest(
    client: Client, circle: Circle, field: str, value: str, message: str
) -> None:
    response = client.post(_url(circle), signup_data(**{field: value}))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    html = response.content.decode()
    assert "Uw aanmelding is nog niet verstuurd." in html
    team = value if field == "team" else "Hoogvliet"
    assert f'name="team" value="{team}"' in html
    assert Registration.objects.count() == 0


def test_multiline_learning_question_is_fine(client: Client, circle: Circle) -> None:
    response = client.post(_url(circle), signup_data(learning_question="Eén.\r\nTwee.\tDrie."))
    assert response.status_code == 302


def test_honeypot_gets_a_calm_message_and_no_sign_up(client: Client, circle: Circle) -> None:
    response = client.post(_url(circle), signup_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "kon niet worden verwerkt" in response.content.decode()
    assert Registration.objects.count() == 0


def test_honeypot_is_hidden_from_people_and_screen_readers(client: Client, circle: Circle) -> None:
    html = client.get(_url(circle)).content.decode()
    assert '<div class="lk-hp" aria-hidden="true">' in html
    assert 'name="website" id="id_website" value="" tabindex="-1"' in html


def test_a_form_sent_faster_than_the_minimum_is_refused_calmly_and_can_be_sent_again(
    client: Client, circle: Circle, settings: Any
) -> None:
    settings.SIGNUP_MIN_SECONDS = 3
    token = started(seconds_ago=0)
    response = client.post(_url(circle), signup_data(started=token))
    assert response.status_code == 200
    assert "Dat ging wel erg snel" in response.content.decode()
    assert f'value="{token}"' in response.content.decode()
    assert Registration.objects.count() == 0
    assert client.post(_url(circle), signup_data(started=started(seconds_ago=5))).status_code == 302


def test_a_forged_start_time_is_refused_and_replaced(client: Client, circle: Circle) -> None:
    response = client.post(_url(circle), signup_data(started="1:forged"))
    assert "Dat ging wel erg snel" in response.content.decode()
    assert 'value="1:forged"' not in response.content.decode()


def test_an_empty_form_sent_at_once_shows_the_missing_fields_and_not_the_speed_message(
    client: Client, circle: Circle, settings: Any
) -> None:
    settings.SIGNUP_MIN_SECONDS = 3
    response = client.post(_url(circle), {"started": started(seconds_ago=0)})
    html = response.content.decode()
    assert "Dit veld is verplicht." in html
    assert "Dat ging wel erg snel" not in html
    assert Registration.objects.count() == 0


def test_eleventh_sign_up_in_an_hour_from_one_address_gets_a_friendly_429(
    client: Client, circle: Circle, settings: Any
) -> None:
    settings.SIGNUP_RATE_LIMIT = 10
    for number in range(10):
        assert client.post(_url(circle), signup_data(email=f"p{number}@example.org")).status_code == 302
    response = client.post(_url(circle), signup_data(email="p11@example.org"))
    assert response.status_code == 429
    assert "Even wachten, alstublieft" in response.content.decode()
    assert Registration.objects.count() == 10
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert other.post(_url(circle), signup_data(email="p12@example.org")).status_code == 302


def test_the_form_needs_csrf(circle: Circle) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(_url(circle), signup_data()).status_code == 403


def test_closed_circle_shows_no_form(client: Client, circle: Circle) -> None:
    Circle.objects.filter(pk=circle.pk).update(status=Circle.Status.CLOSED)
    html = client.get(_url(circle)).content.decode()
    assert "Aanmelden voor deze leerkring is niet meer mogelijk." in html
    assert client.post(_url(circle), signup_data()).status_code == 200
    assert Registration.objects.count() == 0


def test_privacy_page_says_what_why_who_and_how_long(client: Client) -> None:
    html = client.get(reverse("circles:privacy")).content.decode()
    for heading in ("Welke gegevens", "Waarom", "Wie ze ziet", "Hoe lang"):
        assert heading in html
    assert "tot 12 maanden na de laatste dag van de leerkring" in html


# Transactional, so the service's transaction is a real one as in production, not a savepoint.
@pytest.mark.django_db(transaction=True)
def test_a_sign_up_post_handles_the_form_first_in_at_most_eight_queries(
    client: Client, circle: Circle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lock and find the circle, count, the row, its audit entry and its mail: no page data for a
    redirect. Every statement counts, BEGIN and COMMIT too, as make bench counts them; without row
    locks (SQLite) the insert's savepoint stands in for the lock and is left out. Delivery is the
    worker's: here the task is only recorded."""
    queued: list[tuple[Any, ...]] = []
    monkeypatch.setattr("leerkring.core.background.enqueue_after_commit", lambda task, *args: queued.append(args))
    ContentType.objects.get_for_model(Registration)  # cached per process, as in a running server
    with CaptureQueriesContext(connection) as captured:
        response = client.post(_url(circle), signup_data(email="jane@example.org"))
    statements = [q["sql"] for q in captured.captured_queries]
    if not connection.features.has_select_for_update:
        statements = [sql for sql in statements if "SAVEPOINT" not in sql]
    assert len(statements) <= 8, statements
    assert response.status_code == 302
    registration = Registration.objects.get(email="jane@example.org")
    assert registration.status == Registration.Status.CONFIRMED
    assert queued == [(OutgoingMail.objects.get(to_email="jane@example.org").pk,)]

"""Adding, changing and removing sessions on the circle's page."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks

from circles.models import Circle, Session
from tests.factories import MARCH, make_circle, make_session, ready_circle
from tests.pages import FormValues

pytestmark = pytest.mark.django_db


def session_data(*facilitators: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "date": "2027-04-06",
        "start_time": "13:00",
        "end_time": "16:00",
        "location": "Wijkcentrum Pernis",
        "theme": "Samenwerken met de wijk",
        "facilitators": [user.pk for user in facilitators],
    }
    data.update(changes)
    return data


def add(client: Client, circle: Circle, data: dict[str, object]) -> str:
    return client.post(f"/bijeenkomsten/leerkring/{circle.code}/toevoegen/", data).content.decode()


@pytest.fixture
def pl_client(client: Client, projectleider: User) -> Client:
    client.force_login(projectleider)
    return client


def test_a_session_is_added_and_numbered_by_date(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = make_circle(projectleider)
    make_session(circle, datetime.date(2027, 4, 20), facilitators=[begeleider])
    response = pl_client.post(
        f"/bijeenkomsten/leerkring/{circle.code}/toevoegen/", session_data(begeleider, begeleider2), follow=True
    )
    added = circle.sessions.get(date=datetime.date(2027, 4, 6))
    assert added.number == 1
    assert circle.sessions.get(date=datetime.date(2027, 4, 20)).number == 2
    assert set(added.facilitators.all()) == {begeleider, begeleider2}
    assert (added.location, added.theme) == ("Wijkcentrum Pernis", "Samenwerken met de wijk")
    assert response.redirect_chain[-1][0] == f"/leerkringen/{circle.code}/#bijeenkomst-{added.code}"
    page = response.content.decode()
    assert "Bijeenkomst 1 is toegevoegd" in page
    assert "Berry van den Bos, Henk Koetsveld" in page


def test_a_concept_session_is_saved_as_typed(pl_client: Client, projectleider: User, begeleider: User) -> None:
    """Two hours, one facilitator, outside the period: the checklist will say so, the save does not refuse."""
    circle = make_circle(projectleider)
    add(pl_client, circle, session_data(begeleider, date="2027-08-01", end_time="15:00"))
    assert circle.sessions.count() == 1


def test_an_invalid_session_keeps_what_was_typed_with_the_error_next_to_the_field(
    pl_client: Client, projectleider: User, begeleider: User
) -> None:
    circle = make_circle(projectleider)
    page = add(pl_client, circle, session_data(begeleider, start_time="16:00", end_time="13:00"))
    assert not circle.sessions.exists()
    assert "De bijeenkomst is niet opgeslagen; wat u typte staat er nog." in page
    assert "De eindtijd moet na de begintijd liggen." in page
    end_field = page[page.index('id="div_id_end_time"') : page.index('id="div_id_location"')]
    assert "De eindtijd moet na de begintijd liggen." in end_field
    assert "is-invalid" in end_field
    assert 'value="Wijkcentrum Pernis"' in page
    assert 'value="Samenwerken met de wijk"' in page
    assert 'value="2027-04-06"' in page
    assert f'value="{begeleider.pk}"' in page and "checked" in page


def test_a_facilitator_cannot_be_booked_in_two_overlapping_sessions(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    other = make_circle(projectleider, name="Themaleerkring Netwerken")
    make_session(other, datetime.date(2027, 4, 6), "15:00", "18:00", facilitators=[begeleider])
    circle = make_circle(projectleider)
    page = add(pl_client, circle, session_data(begeleider, begeleider2))
    assert not circle.sessions.exists()
    assert (
        "Tijdens deze bijeenkomst begeleidt Berry van den Bos al bijeenkomst 1 van „Themaleerkring Netwerken”"
        " (6 april 2027, 15:00–18:00). Kies een andere tijd of een andere begeleider."
    ) in page


def test_double_bookings_name_the_facilitators_by_surname(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    """Berry van den Bos before Aziz Koetsveld: by surname, as every list of people, not by first name."""
    begeleider2.first_name = "Aziz"
    begeleider2.save()
    other = make_circle(projectleider, name="Themaleerkring Netwerken")
    make_session(other, datetime.date(2027, 4, 6), "15:00", "18:00", facilitators=[begeleider, begeleider2])
    page = add(pl_client, make_circle(projectleider), session_data(begeleider, begeleider2))
    assert page.index("begeleidt Berry van den Bos al") < page.index("begeleidt Aziz Koetsveld al")


def test_back_to_back_sessions_are_not_a_double_booking(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    other = make_circle(projectleider, name="Ochtendkring")
    make_session(other, datetime.date(2027, 4, 6), "09:00", "13:00", facilitators=[begeleider])
    circle = make_circle(projectleider)
    add(pl_client, circle, session_data(begeleider, begeleider2))
    assert circle.sessions.count() == 1


def test_a_session_is_changed_in_place_on_the_circle_page(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    session = circle.sessions.get(number=1)
    page = pl_client.get(f"/bijeenkomsten/{session.code}/wijzigen/").content.decode()
    assert "Klaar om te publiceren" in page  # it is the circle's page
    assert "Wijzigingen opslaan" in page
    assert "Bijeenkomst toevoegen" not in page

    data = session_data(begeleider, begeleider2, date="2027-03-30")
    pl_client.post(f"/bijeenkomsten/{session.code}/wijzigen/", data)

    session.refresh_from_db()
    assert (session.date, session.number) == (datetime.date(2027, 3, 30), 4)
    assert [s.date.day for s in circle.sessions.order_by("number")] == [9, 16, 23, 30]


def test_a_failed_change_keeps_the_typed_values(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    session = circle.sessions.get(number=2)
    page = pl_client.post(
        f"/bijeenkomsten/{session.code}/wijzigen/", session_data(begeleider, date="", theme="Nieuw thema")
    ).content.decode()
    assert "Dit veld is verplicht." in page
    assert 'value="Nieuw thema"' in page
    session.refresh_from_db()
    assert session.theme == ""


def test_a_published_circles_add_form_opens_on_request_and_a_concepts_is_open(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    published = ready_circle(projectleider, [begeleider, begeleider2], status=Circle.Status.PUBLISHED)
    add_url = f"/bijeenkomsten/leerkring/{published.code}/toevoegen/"
    page = pl_client.get(f"/leerkringen/{published.code}/").content.decode()
    assert 'id="bijeenkomst-formulier"' not in page
    assert f'href="{add_url}#bijeenkomst-toevoegen">Bijeenkomst toevoegen</a>' in page

    page = pl_client.get(add_url).content.decode()
    form = page[page.index('id="bijeenkomst-formulier"') :]
    assert "Berry van den Bos" in form and "Bijeenkomst toevoegen" in form
    assert f'href="/leerkringen/{published.code}/">Annuleren</a>' in form
    assert "Bijeenkomst 4" in page  # it is the circle's page, with its sessions

    concept = ready_circle(projectleider, [begeleider, begeleider2])
    page = pl_client.get(f"/leerkringen/{concept.code}/").content.decode()
    form = page[page.index('id="bijeenkomst-formulier"') :]
    assert "Annuleren" not in form.split("</form>")[0]


def test_a_published_circle_keeps_meeting_the_rules(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User, staf: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], status=Circle.Status.PUBLISHED)
    session = circle.sessions.get(number=1)
    page = pl_client.post(
        f"/bijeenkomsten/{session.code}/wijzigen/",
        session_data(begeleider, date="2027-07-06", start_time="13:00", end_time="15:00"),
    ).content.decode()
    assert "Deze bijeenkomst duurt 2 uur; een bijeenkomst duurt 2,5 tot 4 uur." in page
    assert "Deze bijeenkomst heeft 1 begeleider; er zijn er minimaal twee nodig." in page
    assert "Deze bijeenkomst valt buiten de periode van de leerkring (1 maart 2027 tot en met 30 juni 2027)." in page
    page = pl_client.post(
        f"/bijeenkomsten/{session.code}/wijzigen/",
        session_data(projectleider, staf, date="2027-03-09", start_time="15:00", end_time="18:00"),
    ).content.decode()
    assert "Deze bijeenkomst overlapt met bijeenkomst 2 (13:00–16:00)." in page
    session.refresh_from_db()
    assert session.date == MARCH[0]


def test_participants_are_told_when_a_published_session_moves(
    pl_client: Client,
    projectleider: User,
    begeleider: User,
    begeleider2: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], status=Circle.Status.PUBLISHED)
    session = circle.sessions.get(number=1)
    data = session_data(begeleider, begeleider2, date="2027-03-03", location=session.location, theme="Anders")
    with (
        mock.patch("circles.services.sessions.registrations_notify_session_change") as notify,
        django_capture_on_commit_callbacks(execute=True),
    ):
        pl_client.post(f"/bijeenkomsten/{session.code}/wijzigen/", data)
    notify.assert_called_once()
    assert notify.call_args.kwargs["old"] == {"date": MARCH[0]}


def test_a_theme_change_or_a_concept_tells_nobody(
    pl_client: Client,
    projectleider: User,
    begeleider: User,
    begeleider2: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    published = ready_circle(projectleider, [begeleider, begeleider2], status=Circle.Status.PUBLISHED)
    concept = make_circle(projectleider, name="Concept")
    draft = make_session(concept, datetime.date(2027, 5, 4), facilitators=[begeleider])
    first = published.sessions.get(number=1)
    with (
        mock.patch("circles.services.sessions.registrations_notify_session_change") as notify,
        django_capture_on_commit_callbacks(execute=True),
    ):
        pl_client.post(
            f"/bijeenkomsten/{first.code}/wijzigen/",
            session_data(begeleider, begeleider2, date="2027-03-02", location=first.location, theme="Nieuw"),
        )
        pl_client.post(f"/bijeenkomsten/{draft.code}/wijzigen/", session_data(begeleider, date="2027-05-11"))
    notify.assert_not_called()


def test_a_session_is_removed_after_confirmation_and_the_rest_renumbered(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    first = circle.sessions.get(number=1)
    page = pl_client.get(f"/bijeenkomsten/{first.code}/verwijderen/").content.decode()
    assert "Bijeenkomst 1 verwijderen?" in page
    assert circle.sessions.count() == 4
    response = pl_client.post(f"/bijeenkomsten/{first.code}/verwijderen/", follow=True)
    assert "Bijeenkomst 1 is verwijderd." in response.content.decode()
    assert [(s.number, s.date.day) for s in circle.sessions.order_by("number")] == [(1, 9), (2, 16), (3, 23)]


def test_a_published_circle_keeps_four_sessions(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], status=Circle.Status.PUBLISHED)
    first = circle.sessions.get(number=1)
    response = pl_client.post(f"/bijeenkomsten/{first.code}/verwijderen/", follow=True)
    assert "Een gepubliceerde leerkring houdt minimaal vier bijeenkomsten" in response.content.decode()
    assert circle.sessions.count() == 4


@pytest.mark.parametrize("status", ["afgerond", "geannuleerd"])
def test_sessions_of_a_finished_circle_cannot_change(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User, status: str
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], status=status)
    session = circle.sessions.get(number=1)
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert "Bijeenkomst toevoegen" not in page and "Wijzigen" not in page
    response = pl_client.post(f"/bijeenkomsten/{session.code}/wijzigen/", session_data(begeleider), follow=True)
    assert "kan niet meer worden gewijzigd" in response.content.decode()
    add(pl_client, circle, session_data(begeleider, begeleider2, date="2027-04-27"))
    assert circle.sessions.count() == 4
    assert Session.objects.get(pk=session.pk).date == MARCH[0]


def test_the_facilitator_choices_are_the_begeleiders(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User, staf: User
) -> None:
    circle = make_circle(projectleider)
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    form = page[page.index('id="bijeenkomst-formulier"') :]
    assert "Berry van den Bos" in form and "Henk Koetsveld" in form
    assert "Sanne de Wit" not in form
    page = add(pl_client, circle, session_data(staf))
    assert page.count("Selecteer een geldige keuze.") == 2  # in the summary on top and at the field
    assert not circle.sessions.exists()


def test_adding_a_session_that_breaks_a_rule_says_so_in_the_message(
    pl_client: Client, projectleider: User, begeleider: User
) -> None:
    circle = make_circle(projectleider)
    data = session_data(begeleider, end_time="15:00")
    url = f"/bijeenkomsten/leerkring/{circle.code}/toevoegen/"
    page = pl_client.post(url, data, follow=True).content.decode()
    assert "Bijeenkomst 1 is toegevoegd. Deze bijeenkomst duurt 2 uur" in page
    assert "Pas dit aan voordat u publiceert." in page


def test_a_new_session_starts_from_the_previous_ones_interval_times_place_and_people(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = make_circle(projectleider)
    make_session(circle, datetime.date(2027, 3, 2), "09:30", "12:30", facilitators=[begeleider])
    make_session(
        circle,
        datetime.date(2027, 3, 16),
        "09:30",
        "12:30",
        facilitators=[begeleider, begeleider2],
        location="Zuidplein",
    )
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    parser = FormValues(f"/bijeenkomsten/leerkring/{circle.code}/toevoegen/")
    parser.feed(page)
    values = dict(parser.values)
    assert (values["date"], values["start_time"], values["end_time"]) == ("2027-03-30", "09:30", "12:30")
    assert values["location"] == "Zuidplein"
    checked = {value for name, value in parser.values if name == "facilitators"}
    assert checked == {str(begeleider.pk), str(begeleider2.pk)}


def test_a_session_on_a_holiday_is_saved_with_a_warning_on_its_card(
    pl_client: Client, projectleider: User, begeleider: User
) -> None:
    circle = make_circle(projectleider)
    response = pl_client.post(
        f"/bijeenkomsten/leerkring/{circle.code}/toevoegen/", session_data(begeleider, date="2027-04-27"), follow=True
    )
    assert circle.sessions.count() == 1
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith("Bijeenkomst 1 is toegevoegd.")
    assert message.endswith("Deze bijeenkomst valt op Koningsdag (27 april 2027), een feestdag. Klopt die datum?")
    card = response.content.decode().split('class="card mb-3" id="bijeenkomst-')[1]
    assert "valt op Koningsdag (27 april 2027), een feestdag" in card


def test_a_session_names_its_facilitators_by_surname_on_its_card_and_its_verslag(
    pl_client: Client, projectleider: User, begeleider2: User, begeleider: User
) -> None:
    # Koetsveld is stored first; "van den Bos" sorts under B all the same.
    assert begeleider2.pk < begeleider.pk
    circle = make_circle(projectleider)
    session = make_session(circle, datetime.date(2027, 4, 6), facilitators=[begeleider2, begeleider])
    card = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert "Berry van den Bos, Henk Koetsveld" in card
    verslag = pl_client.get(f"/bijeenkomsten/{session.code}/verslag/").content.decode()
    assert "Begeleiders: Berry van den Bos, Henk Koetsveld" in verslag

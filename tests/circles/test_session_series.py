"""A series of sessions in one go: the proposed dates, edited before saving, and the rules per date."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Circle
from tests.factories import make_circle, make_session, ready_circle
from tests.pages import flash, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def pl_client(client: Client, projectleider: User) -> Client:
    client.force_login(projectleider)
    return client


def series_url(circle: Circle) -> str:
    return f"/bijeenkomsten/leerkring/{circle.code}/reeks/"


def series_data(*facilitators: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_date": "2027-03-16",
        "every_weeks": "2",
        "count": "4",
        "start_time": "13:00",
        "end_time": "16:00",
        "location": "Wijkcentrum Pernis",
        "facilitators": [user.pk for user in facilitators],
        "stap": "voorbeeld",
    }
    data.update(changes)
    return data


def preview(client: Client, circle: Circle, data: dict[str, object]) -> str:
    return client.post(series_url(circle), data).content.decode()


def saved_form(page: str, circle: Circle, *facilitators: User, **dates: str) -> dict[str, object]:
    """The preview's form as the browser sends it on "opslaan", with some dates changed."""
    data: dict[str, object] = {**form_data(page, series_url(circle)), **dates, "stap": "opslaan"}
    data["facilitators"] = [user.pk for user in facilitators]
    return data


def test_the_circle_page_links_to_the_series(pl_client: Client, projectleider: User) -> None:
    circle = make_circle(projectleider)
    page = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert f'href="{series_url(circle)}"' in page
    assert "Reeks bijeenkomsten toevoegen" in page


def test_the_preview_lists_each_date_and_warns_about_kingsday_without_saving(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = make_circle(projectleider)
    page = preview(pl_client, circle, series_data(begeleider, begeleider2))
    assert not circle.sessions.exists()
    for number, date in enumerate(["2027-03-16", "2027-03-30", "2027-04-13", "2027-04-27"], start=1):
        assert f'name="reeks-{number - 1}-date" value="{date}"' in page
        assert f"Datum {number}" in page
    assert "Deze bijeenkomst valt op Koningsdag (27 april 2027), een feestdag. Klopt die datum?" in page
    assert page.count("een feestdag") == 1
    assert "4 bijeenkomsten opslaan" in page


def test_a_date_changed_in_the_preview_is_saved_as_changed(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = make_circle(projectleider)
    page = preview(pl_client, circle, series_data(begeleider, begeleider2))
    data = saved_form(page, circle, begeleider, begeleider2, **{"reeks-3-date": "2027-04-28"})
    response = pl_client.post(series_url(circle), data, follow=True)
    assert response.redirect_chain[-1][0] == f"/leerkringen/{circle.code}/"
    assert flash(response) == ["4 bijeenkomsten zijn toegevoegd."]
    sessions = list(circle.sessions.order_by("date"))
    assert [s.date.isoformat() for s in sessions] == ["2027-03-16", "2027-03-30", "2027-04-13", "2027-04-28"]
    assert [s.number for s in sessions] == [1, 2, 3, 4]
    assert all(s.location == "Wijkcentrum Pernis" and s.start_time == datetime.time(13) for s in sessions)
    assert all(set(s.facilitators.all()) == {begeleider, begeleider2} for s in sessions)


def test_a_holiday_kept_in_the_series_is_saved_with_a_warning(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = make_circle(projectleider)
    page = preview(pl_client, circle, series_data(begeleider, begeleider2))
    response = pl_client.post(series_url(circle), saved_form(page, circle, begeleider, begeleider2), follow=True)
    assert circle.sessions.count() == 4
    assert flash(response) == [
        "4 bijeenkomsten zijn toegevoegd. Bijeenkomst 4 (27 april 2027) valt op Koningsdag (27 april 2027), "
        "een feestdag. Klopt die datum?"
    ]
    assert "Deze bijeenkomst valt op Koningsdag" in response.content.decode()  # and on its card


def test_a_double_booked_date_is_refused_next_to_that_date_and_nothing_is_saved(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    other = make_circle(projectleider, name="Ochtendkring")
    make_session(other, datetime.date(2027, 3, 30), "14:00", "17:00", facilitators=[begeleider])
    circle = make_circle(projectleider)
    page = preview(pl_client, circle, series_data(begeleider, begeleider2))
    page = pl_client.post(series_url(circle), saved_form(page, circle, begeleider, begeleider2)).content.decode()
    assert not circle.sessions.exists()
    assert "Niet opgeslagen: controleer de gemarkeerde data." in page
    second = page[page.index('id="div_id_reeks-1-date"') : page.index('id="div_id_reeks-2-date"')]
    assert "Tijdens deze bijeenkomst begeleidt Berry van den Bos al bijeenkomst 1 van „Ochtendkring”" in second
    assert 'value="2027-03-30"' in second


def test_an_empty_series_keeps_what_was_typed_with_errors_next_to_the_fields(
    pl_client: Client, projectleider: User, begeleider: User
) -> None:
    circle = make_circle(projectleider)
    page = preview(pl_client, circle, series_data(begeleider, first_date="", end_time="12:00"))
    assert "Dit veld is verplicht." in page
    assert "De eindtijd moet na de begintijd liggen." in page
    assert 'value="Wijkcentrum Pernis"' in page
    assert "bijeenkomsten opslaan" not in page


def test_an_open_circle_needs_two_facilitators_for_the_series(
    pl_client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], status=Circle.Status.PUBLISHED)
    page = preview(pl_client, circle, series_data(begeleider, first_date="2027-05-04"))
    page = pl_client.post(series_url(circle), saved_form(page, circle, begeleider)).content.decode()
    assert circle.sessions.count() == 4
    assert "Deze bijeenkomst heeft 1 begeleider; er zijn er minimaal twee nodig." in page


def test_the_series_starts_from_the_previous_session(pl_client: Client, projectleider: User, begeleider: User) -> None:
    circle = make_circle(projectleider)
    make_session(circle, datetime.date(2027, 3, 2), "09:30", "12:30", facilitators=[begeleider], location="Zuidplein")
    page = pl_client.get(series_url(circle)).content.decode()
    values = form_data(page, series_url(circle))
    assert (values["first_date"], values["start_time"], values["end_time"]) == ("2027-03-09", "09:30", "12:30")
    assert values["location"] == "Zuidplein"
    assert values["facilitators"] == str(begeleider.pk)

"""Kopiëren naar een nieuwe periode: the circle's data and sessions shifted, no sign-ups, a new concept."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Circle
from tests.factories import make_registration, ready_circle
from tests.pages import flash, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def pl_client(client: Client, projectleider2: User) -> Client:
    client.force_login(projectleider2)
    return client


def test_a_completed_circle_is_copied_to_the_next_period_with_its_sessions_shifted(
    pl_client: Client, projectleider: User, projectleider2: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], building_blocks=[1, 3], audience=["wijkteam"])
    circle.status = Circle.Status.COMPLETED
    circle.save()
    make_registration(circle)
    detail = pl_client.get(f"/leerkringen/{circle.code}/").content.decode()
    url = f"/leerkringen/{circle.code}/kopieren/"
    assert f'href="{url}"' in detail and "Kopiëren naar een nieuwe periode" in detail

    page = pl_client.get(url).content.decode()
    assert "Aanmeldingen en verslagen gaan niet mee" in page
    data = form_data(page, url)
    assert data == {"csrfmiddlewaretoken": data["csrfmiddlewaretoken"], "name": circle.name, "start_date": "2027-07-05"}
    data.update(name="Leerkring 2 - Methodiekontwikkeling", start_date="2027-09-06")
    response = pl_client.post(url, data, follow=True)

    copy = Circle.objects.get(name="Leerkring 2 - Methodiekontwikkeling")
    assert response.redirect_chain[-1][0] == f"/leerkringen/{copy.code}/"
    assert flash(response) == ["De kopie is opgeslagen als concept, zonder aanmeldingen. Kijk de data na."]
    assert copy.status == Circle.Status.CONCEPT
    assert (copy.start_date, copy.end_date) == (datetime.date(2027, 9, 6), datetime.date(2028, 1, 5))
    assert copy.project_leader == projectleider2
    assert copy.audience == ["wijkteam"]
    assert sorted(block.number for block in copy.building_blocks.all()) == [1, 3]
    assert not copy.registrations.exists()
    shifted = [(s.number, s.date.isoformat(), s.start_time.isoformat("minutes")) for s in copy.sessions.all()]
    # 2 March 2027 plus 189 days (27 weeks): the same weekday, Tuesday.
    assert shifted == [(1, "2027-09-07", "13:00"), (2, "2027-09-14", "13:00"), (3, "2027-09-21", "13:00"),
                       (4, "2027-09-28", "13:00")]  # fmt: skip
    assert all(set(s.facilitators.all()) == {begeleider, begeleider2} for s in copy.sessions.all())
    assert circle.sessions.count() == 4 and circle.registrations.count() == 1
    assert "Leerkring 2 - Methodiekontwikkeling" in response.content.decode()


def test_a_copy_without_a_name_keeps_what_was_typed(pl_client: Client, projectleider: User, begeleider: User) -> None:
    circle = ready_circle(projectleider, [begeleider])
    page = pl_client.post(f"/leerkringen/{circle.code}/kopieren/", {"name": " ", "start_date": "2027-09-06"})
    html = page.content.decode()
    assert "Dit veld is verplicht." in html
    assert 'value="2027-09-06"' in html
    assert Circle.objects.count() == 1

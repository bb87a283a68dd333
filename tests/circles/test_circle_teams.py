"""The teams taking part in a circle: one per line in the circle form, shown on its pages and in the PDFs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from circles.introductions import teams_sentence
from circles.models import Circle
from circles.services.planning import circle_copy
from tests.circles.test_circle_form import form_data
from tests.factories import before_the_circles, open_circle

pytestmark = pytest.mark.django_db
SEED_TEAMS = "Hoogvliet\nCharlois\n\n  IJsselmonde \ncharlois\nPernis\n"


def test_the_project_leader_names_the_teams_one_per_line(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    assert "Deelnemende teams" in client.get("/leerkringen/nieuw/").content.decode()

    client.post("/leerkringen/nieuw/", form_data(projectleider, kind="thema", team="", teams=SEED_TEAMS))

    circle = Circle.objects.get()
    # Empty lines, spaces and a repeat in other letters are left out; the order stays.
    assert circle.teams == ["Hoogvliet", "Charlois", "IJsselmonde", "Pernis"]
    page = client.get(f"/leerkringen/{circle.code}/wijzigen/").content.decode()
    assert "Hoogvliet\nCharlois\nIJsselmonde\nPernis</textarea>" in page


def test_teams_may_be_left_empty(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    client.post("/leerkringen/nieuw/", form_data(projectleider, teams=""))
    assert Circle.objects.get().teams == []


def test_too_many_teams_are_refused_at_the_field_and_the_text_stays(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    teams = "\n".join(f"Team {n}" for n in range(1, 22))
    page = client.post("/leerkringen/nieuw/", form_data(projectleider, teams=teams)).content.decode()
    assert "Er passen 20 teams; u noemde er 21. Voeg teams samen of laat er een paar weg." in page
    assert "Team 21</textarea>" in page
    assert 'value="Leerkring 2 - Samenwerken in de wijk"' in page
    assert not Circle.objects.exists()


def test_a_team_name_past_the_limit_is_refused(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    long_name = "Wijkteam " + "x" * 100
    page = client.post("/leerkringen/nieuw/", form_data(projectleider, teams=f"Pernis\n{long_name}")).content.decode()
    assert "Een teamnaam heeft hoogstens 100 tekens: kort „Wijkteam xxxxxxxxxxxxxxxxxxxxx…” in." in page
    assert not Circle.objects.exists()


@pytest.fixture
def circle(projectleider: User, begeleider: User) -> Circle:
    circle = open_circle(projectleider, facilitators=(begeleider,))
    circle.teams = ["Hoogvliet", "Charlois", "IJsselmonde", "Pernis"]
    circle.save()
    return circle


def test_the_public_page_names_the_teams(client: Client, circle: Circle) -> None:
    with before_the_circles():
        page = client.get(reverse("circles:public_detail", args=[circle.code])).content.decode()
    assert "Deelnemende teams" in page
    assert "Hoogvliet, Charlois, IJsselmonde en Pernis" in page


def test_the_circle_page_names_the_teams(client: Client, circle: Circle, begeleider: User) -> None:
    client.force_login(begeleider)
    page = client.get(reverse("circles:detail", args=[circle.code])).content.decode()
    assert "Hoogvliet, Charlois, IJsselmonde en Pernis" in page


def test_a_copy_for_the_next_period_keeps_the_teams(circle: Circle, projectleider: User) -> None:
    copy = circle_copy(circle=circle, name="Volgende periode", start_date=circle.start_date, by=projectleider)
    assert copy.teams == circle.teams


def test_one_team_reads_as_one(circle: Circle) -> None:
    circle.teams = ["Pernis"]
    with translation.override("nl"):
        assert teams_sentence(circle) == "De deelnemers komen uit team Pernis."

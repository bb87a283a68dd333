"""Creating and changing a circle."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client

from buildingblocks.models import BuildingBlock
from circles.models import Circle
from tests.factories import ready_circle

pytestmark = pytest.mark.django_db


def form_data(project_leader: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Leerkring 2 - Samenwerken in de wijk",
        "kind": "op_maat",
        "team": "Wijkteam Hoogvliet",
        "description": "Voor het wijkteam Hoogvliet.",
        "goal": "Een gedeelde visie.",
        "building_blocks": [BuildingBlock.objects.get(number=5).pk],
        "audience": ["wijkteam", "vraagwijzer"],
        "start_date": "2027-03-01",
        "end_date": "2027-06-30",
        "capacity": "25",
        "location": "Wijkcentrum Hoogvliet",
        "project_leader": project_leader.pk,
    }
    data.update(changes)
    return data


def test_the_project_leader_creates_a_concept(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    page = client.get("/leerkringen/nieuw/").content.decode()
    for label in ["Naam", "Soort", "Omschrijving", "Doel", "Bouwstenen", "Doelgroep", "Team", "Startdatum",
                  "Einddatum", "Maximum aantal deelnemers", "Locatie", "Projectleider"]:  # fmt: skip
        assert f"{label}" in page

    response = client.post("/leerkringen/nieuw/", form_data(projectleider), follow=True)

    circle = Circle.objects.get()
    assert response.redirect_chain == [(f"/leerkringen/{circle.code}/", 302)]
    assert circle.status == Circle.Status.CONCEPT
    assert circle.team == "Wijkteam Hoogvliet"
    assert circle.audience == ["wijkteam", "vraagwijzer"]
    assert [b.number for b in circle.building_blocks.all()] == [5]
    assert "De leerkring is opgeslagen als concept. Plan nu de bijeenkomsten." in response.content.decode()


def test_a_concept_may_be_incomplete(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    data = form_data(projectleider, description="", goal="", building_blocks=[], audience=[], team="", location="")
    client.post("/leerkringen/nieuw/", data)
    assert Circle.objects.get().building_blocks.count() == 0


def test_errors_are_shown_next_to_the_field_and_nothing_typed_is_lost(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    data = form_data(projectleider, name="", end_date="2027-02-01", capacity="0")
    page = client.post("/leerkringen/nieuw/", data).content.decode()
    assert "Niet opgeslagen: controleer de gemarkeerde velden." in page
    assert "Dit veld is verplicht." in page
    assert "Kies een einddatum op of na de startdatum." in page
    assert "Zorg ervoor dat deze waarde minstens 1 is." in page
    assert 'value="Wijkteam Hoogvliet"' in page
    assert "Een gedeelde visie.</textarea>" in page
    assert 'value="2027-02-01"' in page
    assert not Circle.objects.exists()


def test_a_themaleerkring_has_no_team(client: Client, projectleider: User) -> None:
    client.force_login(projectleider)
    client.post("/leerkringen/nieuw/", form_data(projectleider, kind="thema", team="Charlois"))
    assert Circle.objects.get().team == ""


def test_only_project_leaders_can_lead(client: Client, projectleider: User, begeleider: User) -> None:
    client.force_login(projectleider)
    page = client.post("/leerkringen/nieuw/", form_data(begeleider)).content.decode()
    assert "Selecteer een geldige keuze." in page


def test_a_published_circle_must_keep_its_sessions_inside_its_period(
    client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], status=Circle.Status.PUBLISHED)
    client.force_login(projectleider)
    data = form_data(projectleider, kind="thema", start_date="2027-03-10")
    page = client.post(f"/leerkringen/{circle.code}/wijzigen/", data).content.decode()
    assert (
        "Bijeenkomst 1 (2 maart 2027) valt buiten de periode van de leerkring (10 maart 2027 tot en met 30 juni 2027)."
    ) in page
    circle.refresh_from_db()
    assert circle.start_date == datetime.date(2027, 3, 1)


def test_a_published_circle_keeps_a_bouwsteen(
    client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2], status=Circle.Status.PUBLISHED)
    client.force_login(projectleider)
    page = client.post(f"/leerkringen/{circle.code}/wijzigen/", form_data(projectleider, building_blocks=[]))
    assert "Kies minimaal één bouwsteen voor de leerkring." in page.content.decode()


def test_changes_are_saved(client: Client, projectleider: User) -> None:
    circle = ready_circle(projectleider, [])
    client.force_login(projectleider)
    response = client.post(f"/leerkringen/{circle.code}/wijzigen/", form_data(projectleider, capacity="30"))
    assert response.status_code == 302
    circle.refresh_from_db()
    assert circle.capacity == 30
    assert circle.name == "Leerkring 2 - Samenwerken in de wijk"


@pytest.mark.parametrize("status", ["afgerond", "geannuleerd"])
def test_a_completed_or_cancelled_circle_is_read_only(client: Client, projectleider: User, status: str) -> None:
    circle = ready_circle(projectleider, [], status=status)
    client.force_login(projectleider)
    response = client.post(f"/leerkringen/{circle.code}/wijzigen/", form_data(projectleider), follow=True)
    assert "Een afgeronde of geannuleerde leerkring kan niet meer worden gewijzigd." in response.content.decode()
    circle.refresh_from_db()
    assert circle.name == "Leerkring 1 - Methodiekontwikkeling"


def test_an_over_long_description_is_refused_at_the_field_and_the_rest_is_kept(
    client: Client, projectleider: User
) -> None:
    client.force_login(projectleider)
    description = "Voor het wijkteam Hoogvliet." * 200  # 5,600 characters
    response = client.post("/leerkringen/nieuw/", form_data(projectleider, description=description))
    assert response.status_code == 200
    assert "Deze tekst telt 5600 tekens; er passen er 5000." in str(response.context["form"].errors["description"])
    html = response.content.decode()
    assert 'value="Leerkring 2 - Samenwerken in de wijk"' in html and description in html
    assert 'maxlength="5000"' not in html
    assert not Circle.objects.exists()

"""The status lifecycle: explicit POSTs, recorded with who and when."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Circle
from tests.factories import ready_circle
from tests.pages import flash

pytestmark = pytest.mark.django_db


def move(client: Client, circle: Circle, to: str) -> list[str]:
    response = client.post(f"/leerkringen/{circle.code}/status/", {"to": to}, follow=True)
    circle.refresh_from_db()
    return flash(response)


def test_the_whole_lifecycle_is_recorded_with_who_and_when(
    client: Client, projectleider: User, begeleider: User, begeleider2: User
) -> None:
    circle = ready_circle(projectleider, [begeleider, begeleider2])
    client.force_login(projectleider)
    for to in ["gepubliceerd", "gesloten", "gepubliceerd", "gesloten", "afgerond"]:
        expected = "De leerkring is gepubliceerd en staat nu in het aanbod." if to == "gepubliceerd" else None
        assert move(client, circle, to) == [expected or f"De status is nu „{to}”."]
        assert circle.status == to
    steps = [(c.from_status, c.to_status, c.changed_by) for c in circle.status_changes.all()]
    assert steps == [
        ("concept", "gepubliceerd", projectleider),
        ("gepubliceerd", "gesloten", projectleider),
        ("gesloten", "gepubliceerd", projectleider),
        ("gepubliceerd", "gesloten", projectleider),
        ("gesloten", "afgerond", projectleider),
    ]
    assert all(change.changed_at for change in circle.status_changes.all())
    page = client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert "gesloten → afgerond (Elizabeth van Twist)" in page


@pytest.mark.parametrize("start", ["concept", "gepubliceerd", "gesloten"])
def test_a_circle_can_be_cancelled_until_it_is_completed(client: Client, projectleider: User, start: str) -> None:
    circle = ready_circle(projectleider, [], status=start)
    client.force_login(projectleider)
    assert move(client, circle, "geannuleerd") == ["De status is nu „geannuleerd”."]
    assert circle.status == Circle.Status.CANCELLED


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        ("concept", "gesloten", "Een leerkring met de status „Concept” kan niet naar „Gesloten”."),
        ("concept", "afgerond", "Een leerkring met de status „Concept” kan niet naar „Afgerond”."),
        ("gepubliceerd", "afgerond", "Een leerkring met de status „Gepubliceerd” kan niet naar „Afgerond”."),
        ("afgerond", "gepubliceerd", "Een leerkring met de status „Afgerond” kan niet naar „Gepubliceerd”."),
        ("geannuleerd", "concept", "Een leerkring met de status „Geannuleerd” kan niet naar „Concept”."),
        ("gepubliceerd", "nonsens", "Onbekende status."),
    ],
)
def test_moves_outside_the_lifecycle_are_refused(
    client: Client, projectleider: User, start: str, to: str, message: str
) -> None:
    circle = ready_circle(projectleider, [], status=start)
    client.force_login(projectleider)
    assert move(client, circle, to) == [message]
    assert circle.status == start
    assert not circle.status_changes.exists()


def test_the_page_offers_only_the_next_steps(client: Client, projectleider: User) -> None:
    circle = ready_circle(projectleider, [], status=Circle.Status.PUBLISHED)
    client.force_login(projectleider)
    page = client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert "Aanmelding sluiten" in page
    assert "Leerkring annuleren" in page
    assert "Publiceren" not in page
    assert "Klaar om te publiceren" not in page


def test_staff_sees_no_status_buttons_and_may_not_post(client: Client, projectleider: User, staf: User) -> None:
    circle = ready_circle(projectleider, [])
    client.force_login(staf)
    page = client.get(f"/leerkringen/{circle.code}/").content.decode()
    assert "Publiceren" not in page
    assert "Gegevens wijzigen" not in page
    assert "Bijeenkomst toevoegen" not in page
    assert client.post(f"/leerkringen/{circle.code}/status/", {"to": "geannuleerd"}).status_code == 403

"""seed_demo plans the circles the other demo data builds on."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings

from circles.demo import CONCEPT, LEERKRING_1, THEMA
from circles.models import Circle
from circles.rules import circle_readiness

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_seed_demo_plans_a_published_leerkring_a_themaleerkring_and_an_unfinished_concept() -> None:
    call_command("seed_demo")
    leerkring_1 = Circle.objects.get(name=LEERKRING_1)
    thema = Circle.objects.get(name=THEMA)
    concept = Circle.objects.get(name=CONCEPT)

    assert leerkring_1.status == thema.status == Circle.Status.PUBLISHED
    assert thema.kind == Circle.Kind.THEMA
    for circle in (leerkring_1, thema):
        checks = circle_readiness(circle)
        assert len(checks) == 7
        assert all(check.met for check in checks)
    assert [s.facilitators.count() for s in leerkring_1.sessions.all()] == [2, 2, 2, 2]
    changed_by = leerkring_1.status_changes.get().changed_by
    assert changed_by is not None
    assert changed_by.username == "projectleider"

    assert concept.status == Circle.Status.CONCEPT
    assert concept.kind == Circle.Kind.OP_MAAT
    unmet = [check.rule for check in circle_readiness(concept) if not check.met]
    assert unmet == [
        "Minimaal vier bijeenkomsten",
        "Elke bijeenkomst duurt 2,5 tot 4 uur",
        "Elke bijeenkomst heeft minimaal twee begeleiders",
    ]


@override_settings(DEBUG=True)
def test_the_demo_names_the_teams_taking_part_and_each_persons_organisation(client: Client) -> None:
    call_command("seed_demo")
    call_command("seed_demo")
    leerkring_1 = Circle.objects.get(name=LEERKRING_1)
    client.force_login(User.objects.get(username="begeleider"))

    circle_page = client.get(f"/leerkringen/{leerkring_1.code}/").content.decode()
    assert "Hoogvliet, Charlois, IJsselmonde en Pernis" in circle_page
    # A new verslag opens with the generated introduction, as the real summary of Leerkring 1 reads.
    session = leerkring_1.sessions.get(number=4)
    editor = html.unescape(client.get(f"/bijeenkomsten/{session.code}/verslag/").content.decode())
    assert (
        "geleid door Elizabeth van Twist (projectleider vanuit Kenniscentrum Talentontwikkeling) in "
        "samenwerking met Berry van den Bos (Bos & Meer) en Henk Koetsveld (docenten HR-Instituut Sociale "
        "Opleidingen)."
    ) in editor
    assert "De deelnemers komen uit de teams Hoogvliet, Charlois, IJsselmonde en Pernis." in editor

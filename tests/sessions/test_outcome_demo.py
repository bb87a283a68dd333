import pytest
from django.core.management import call_command
from django.test import override_settings

from circles.models import Circle
from sessions.models import Action, Outcome, Section
from sessions.selectors import attendance_by_function, attendance_sentence


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_demo_holds_the_real_summary_established_at_session_three() -> None:
    call_command("seed_demo")
    call_command("seed_demo")
    circle = Circle.objects.get(name__startswith="Leerkring 1")
    outcome = Outcome.objects.get(session__circle=circle, session__number=2)
    assert outcome.central_question == "Wat betekent de WMO voor jouw professie?"
    assert outcome.established_note().startswith("Besproken en vastgesteld tijdens bijeenkomst 3 op ")
    assert len(outcome.part_list()) == 3
    assert [g.name for g in outcome.subgroups.all()] == [
        "Wijkteamleden",
        "Wijkteamleiders",
        "Vraagwijzers",
        "Beleidsmakers",
    ]
    results = outcome.results()
    assert len(results) == 5 and all(len(answers) == 4 for _q, answers in results)
    assert "De vraagwijzers hebben de volgende opmerkingen:" in results[0][0].remarks
    assert attendance_sentence(attendance_by_function(outcome.session)).startswith(
        "26 deelnemers: 8 wijkteammedewerkers"
    )
    concept = Outcome.objects.get(session__circle=circle, session__number=3)
    swot = ["Sterktes", "Zwaktes", "Kansen", "Bedreigingen"]
    assert [(top.heading, [sub.heading for sub in subs]) for top, subs in concept.section_tree()] == [("Visie", swot)]
    first = Outcome.objects.get(session__circle=circle, session__number=1)
    assert [(top.heading, [sub.heading for sub in subs]) for top, subs in first.section_tree()] == [
        ("Visie", swot),
        ("Leervragen", ["Kennis", "Positionering", "Professionalisering"]),
    ]
    assert Section.objects.filter(outcome=first).count() == 9
    assert Action.objects.filter(session=concept.session).count() == 2
    assert Outcome.objects.count() == 3

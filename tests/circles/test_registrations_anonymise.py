"""Personal data is wiped a year after the circle ends, as the privacy page promises."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User

from circles.models import Registration
from circles.tasks import registrations_anonymise_expired
from tests.circles.signup_world import open_circle
from tests.factories import make_registration

pytestmark = pytest.mark.django_db


def test_a_year_after_the_end_names_and_contact_details_are_gone_but_the_counts_stay(projectleider: User) -> None:
    circle = open_circle(projectleider)  # ends 30 June 2027
    make_registration(circle, "anna@example.org", phone="06 12345678", learning_question="Iets persoonlijks")
    make_registration(circle, "piet@example.org", first_name="Piet")

    with time_machine.travel(datetime.datetime(2028, 6, 30, 12, 0, tzinfo=datetime.UTC)):
        assert registrations_anonymise_expired.delay().get() == 0
    with time_machine.travel(datetime.datetime(2028, 7, 2, 12, 0, tzinfo=datetime.UTC)):
        assert registrations_anonymise_expired.delay().get() == 2
        assert registrations_anonymise_expired.delay().get() == 0

    registrations = list(Registration.objects.all())
    assert len(registrations) == 2
    for registration in registrations:
        assert registration.anonymised_at is not None
        assert "anna" not in registration.email and "piet" not in registration.email
        assert registration.first_name == "Verwijderd" and registration.last_name == ""
        assert registration.phone == "" and registration.learning_question == ""
        assert (registration.organisation, registration.team, registration.function) == (
            "wijkteam",
            "Charlois",
            "wijkteammedewerker",
        )


def test_a_running_circle_is_left_alone(projectleider: User) -> None:
    circle = open_circle(projectleider)
    make_registration(circle)
    with time_machine.travel(datetime.datetime(2027, 8, 1, 12, 0, tzinfo=datetime.UTC)):
        assert registrations_anonymise_expired.delay().get() == 0
    assert Registration.objects.get().email == "anna@example.org"

"""A participant opens Mijn aanmelding from the mailed link on a phone and cancels there."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from circles.models import Registration
from circles.services.registrations import registration_cancel_token
from tests.factories import make_registration, open_circle


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_participant_cancels_from_mijn_aanmelding_on_a_phone(
    page: Page, live_server: Any, projectleider: User, begeleider: User
) -> None:
    # The live server runs on the real clock: the circle starts in a month.
    first = timezone.localdate() + datetime.timedelta(days=30)
    circle = open_circle(
        projectleider,
        facilitators=(begeleider,),
        first_session=first,
        start_date=first - datetime.timedelta(days=1),
        end_date=first + datetime.timedelta(weeks=4),
    )
    registration = make_registration(circle)
    link = reverse("circles:mine", args=[registration_cancel_token(registration)])

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{link}")
    expect(page.get_by_role("heading", name="Mijn aanmelding", level=1)).to_be_visible()
    button = page.get_by_role("button", name="Ja, meld mij af")
    box = button.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    button.click()

    expect(page.locator("main")).to_contain_text("U bent afgemeld")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    # Nothing on the page scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

"""The attendance page warns about counts above the sign-ups, names the verslag status, and has tappable boxes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Function, function_count_label
from sessions.models import Attendance, Outcome
from sessions.selectors import attendance_sentence
from tests.factories import circle_with_sessions, make_registration, on_the_day

pytestmark = pytest.mark.django_db
WARNING = "meer dan de 3 bevestigde aanmeldingen en gasten"


@pytest.fixture(autouse=True)
def on_the_first_session_day() -> Iterator[None]:
    """Attendance is recorded from the session's own date (2 March 2027) on."""
    with on_the_day(datetime.date(2027, 3, 2)):
        yield


@pytest.fixture
def setup(projectleider: User, begeleider: User) -> dict:
    circle, sessions = circle_with_sessions(projectleider, [begeleider])
    make_registration(circle, "anna@example.org", first_name="Anna")
    make_registration(circle, "cor@example.org", first_name="Cor", function=Function.WIJKTEAMLEIDER)
    Attendance.objects.create(session=sessions[0], guest_name="Gerda Gast", guest_function=Function.ANDERS)
    return {"session": sessions[0], "url": f"/bijeenkomsten/{sessions[0].code}/aanwezigheid/"}


def _counts(client: Client, url: str, **counts: int) -> str:
    response = client.post(url, {"formulier": "aantallen", **{k: str(v) for k, v in counts.items()}}, follow=True)
    assert response.redirect_chain, "counts above the sign-ups are saved all the same"
    return response.content.decode()


def test_counts_above_the_sign_ups_and_guests_are_saved_with_a_warning(
    client: Client, begeleider: User, setup: dict
) -> None:
    client.force_login(begeleider)
    page = _counts(client, setup["url"], **{Function.WIJKTEAMMEDEWERKER.value: 20, Function.WIJKTEAMLEIDER.value: 6})
    assert "U heeft 26 aanwezigen ingevoerd, " + WARNING in " ".join(page.split())
    assert setup["session"].attendance_counts.get(function=Function.WIJKTEAMMEDEWERKER).count == 20


def test_counts_within_the_sign_ups_give_no_warning(client: Client, begeleider: User, setup: dict) -> None:
    client.force_login(begeleider)
    page = _counts(client, setup["url"], **{Function.WIJKTEAMMEDEWERKER.value: 3})
    assert WARNING not in " ".join(page.split())


def test_the_count_form_says_what_entered_counts_do(client: Client, begeleider: User, setup: dict) -> None:
    client.force_login(begeleider)
    page = " ".join(client.get(setup["url"]).content.decode().split())
    assert (
        "Gebruik dit alleen als er geen presentielijst per deelnemer is bijgehouden. Vult u hier aantallen in, "
        "dan telt het verslag deze aantallen en niet de vinkjes hierboven."
    ) in page


def test_the_badge_names_the_verslag(client: Client, begeleider: User, setup: dict) -> None:
    client.force_login(begeleider)
    assert "Nog geen verslag" in client.get(setup["url"]).content.decode()
    Outcome.objects.create(session=setup["session"])
    assert re.search(r">\s*Verslag: concept\s*</span>", client.get(setup["url"]).content.decode())


def test_attendance_boxes_are_bootstrap_form_checks(client: Client, begeleider: User, setup: dict) -> None:
    client.force_login(begeleider)
    page = client.get(setup["url"]).content.decode()
    boxes = re.findall(r'<input[^>]*name="present"[^>]*>', page)
    assert len(boxes) == 2
    assert all('class="form-check-input"' in box for box in boxes)


@pytest.mark.parametrize(
    ("count", "label"), [(1, "1 deelnemer met een andere functie"), (3, "3 deelnemers met een andere functie")]
)
def test_the_other_function_group_reads_as_participants(count: int, label: str) -> None:
    assert function_count_label(Function.ANDERS, count) == label
    assert attendance_sentence({Function.WIJKTEAMLEIDER.value: 2, Function.ANDERS.value: count}).endswith(
        f"2 wijkteamleiders en {label}"
    )

"""Sub-sections in the verslag editor without JavaScript: "+ Onderdeel binnen …" saves and shows an
empty row under that section, "Valt onder" moves a section, and the rule of one level deep is
explained next to the field."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from circles.models import Session
from sessions.models import Outcome
from tests.factories import circle_with_sessions
from tests.pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(projectleider: User, begeleider: User) -> Session:
    _circle, sessions = circle_with_sessions(projectleider, [begeleider])
    return sessions[0]


def _url(session: Session) -> str:
    return f"/bijeenkomsten/{session.code}/verslag/"


def _open(client: Client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content.decode(), url.split("?")[0])


def _tree(session: Session) -> list[tuple[str, list[str]]]:
    outcome = Outcome.objects.get(session=session)
    return [(top.heading, [sub.heading for sub in subs]) for top, subs in outcome.section_tree()]


def test_adding_a_sub_section_under_a_section_without_javascript(
    client: Client, session: Session, begeleider: User
) -> None:
    client.force_login(begeleider)
    url = _url(session)
    data = _open(client, url)
    data.update({"onderdeel-0-heading": "Visie", "onderdeel-0-items": "Samen leren"})

    response = client.post(url, {**data, "meer-onder": "0"})  # "+ Onderdeel binnen „Visie”"

    assert response.status_code == 302
    assert "?onder=" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "+ Onderdeel binnen „Visie”" in page
    data = form_data(page, url)
    empty = next(key.removesuffix("-parent") for key, value in data.items() if key.endswith("-parent") and value)
    assert data[f"{empty}-heading"] == ""
    data.update({f"{empty}-heading": "Sterktes", f"{empty}-items": "korte lijnen"})

    response = client.post(url, {**data, "meer-onder": "0"})

    assert response.status_code == 302
    data = _open(client, response["Location"])
    empty = next(
        key.removesuffix("-parent")
        for key, value in data.items()
        if key.endswith("-parent") and value and not data[key.replace("-parent", "-heading")]
    )
    data.update({f"{empty}-heading": "Zwaktes"})
    assert client.post(url, {**data, "opslaan": ""}).status_code == 302
    assert _tree(session) == [("Visie", ["Sterktes", "Zwaktes"])]

    page = client.get(url).content.decode()
    visie, sterktes, zwaktes = (page.index(f'value="{h}"') for h in ("Visie", "Sterktes", "Zwaktes"))
    assert visie < sterktes < zwaktes
    assert "Onderdeel <span data-formset-number>1.2</span>" in page


def test_valt_onder_makes_a_section_a_sub_section_and_back(client: Client, session: Session, begeleider: User) -> None:
    client.force_login(begeleider)
    url = _url(session)
    data = _open(client, url)
    data.update({"onderdeel-0-heading": "Leervragen", "onderdeel-1-heading": "Kennis"})
    data["onderdeel-TOTAL_FORMS"] = "2"
    data.update({"onderdeel-1-id": "", "onderdeel-1-ORDER": "", "onderdeel-1-items": ""})
    assert client.post(url, {**data, "opslaan": ""}).status_code == 302
    assert _tree(session) == [("Leervragen", []), ("Kennis", [])]

    data = _open(client, url)
    assert data["onderdeel-1-parent"] == ""
    data["onderdeel-1-parent"] = "0"
    assert client.post(url, {**data, "opslaan": ""}).status_code == 302
    assert _tree(session) == [("Leervragen", ["Kennis"])]

    data = _open(client, url)
    assert data["onderdeel-1-parent"] == "0"
    data["onderdeel-1-parent"] = ""
    assert client.post(url, {**data, "opslaan": ""}).status_code == 302
    assert _tree(session) == [("Leervragen", []), ("Kennis", [])]


def test_a_section_with_sub_sections_cannot_go_under_another(
    client: Client, session: Session, begeleider: User
) -> None:
    client.force_login(begeleider)
    url = _url(session)
    data = _open(client, url)
    data.update({"onderdeel-0-heading": "Visie", "onderdeel-TOTAL_FORMS": "3"})
    for n, heading, parent in ((1, "Sterktes", "0"), (2, "Leervragen", "")):
        data.update({f"onderdeel-{n}-heading": heading, f"onderdeel-{n}-parent": parent})
        data.update({f"onderdeel-{n}-id": "", f"onderdeel-{n}-ORDER": "", f"onderdeel-{n}-items": ""})
    assert client.post(url, {**data, "opslaan": ""}).status_code == 302
    data = _open(client, url)
    rows = {data[f"onderdeel-{n}-heading"]: n for n in range(3)}
    data[f"onderdeel-{rows['Visie']}-parent"] = str(rows["Leervragen"])

    response = client.post(url, {**data, "opslaan": ""})

    assert response.status_code == 200
    page = response.content.decode()
    message = "Onder dit onderdeel vallen zelf onderdelen, dus het kan niet onder een ander onderdeel vallen."
    assert page.count(message) == 2  # in the summary on top and next to the field
    assert f'id="error_1_id_onderdeel-{rows["Visie"]}-parent"' in page
    assert _tree(session) == [("Visie", ["Sterktes"]), ("Leervragen", [])]


def test_removing_a_section_removes_its_sub_sections(client: Client, session: Session, begeleider: User) -> None:
    client.force_login(begeleider)
    url = _url(session)
    data = _open(client, url)
    data.update({"onderdeel-0-heading": "Visie", "onderdeel-TOTAL_FORMS": "3"})
    for n, heading, parent in ((1, "Sterktes", "0"), (2, "Afspraken", "")):
        data.update({f"onderdeel-{n}-heading": heading, f"onderdeel-{n}-parent": parent})
        data.update({f"onderdeel-{n}-id": "", f"onderdeel-{n}-ORDER": "", f"onderdeel-{n}-items": ""})
    assert client.post(url, {**data, "opslaan": ""}).status_code == 302
    data = _open(client, url)
    data["onderdeel-0-DELETE"] = "on"

    assert client.post(url, {**data, "opslaan": ""}).status_code == 302

    assert _tree(session) == [("Afspraken", [])]


def test_after_a_conflict_a_new_sub_section_stays_under_its_section(
    session: Session, begeleider: User, projectleider: User
) -> None:
    berry, elizabeth = Client(), Client()
    berry.force_login(begeleider)
    elizabeth.force_login(projectleider)
    url = _url(session)
    data = _open(berry, url)
    data.update({"onderdeel-0-heading": "Afspraken", "onderdeel-1-heading": "Visie", "onderdeel-TOTAL_FORMS": "2"})
    data.update({"onderdeel-1-id": "", "onderdeel-1-ORDER": "", "onderdeel-1-items": "", "onderdeel-1-parent": ""})
    berry.post(url, {**data, "opslaan": ""})
    berry_form, elizabeth_form = _open(berry, url), _open(elizabeth, url)
    berry.post(url, {**berry_form, "grouping": "Gemengde groepen.", "opslaan": ""})
    empty = elizabeth_form["onderdeel-TOTAL_FORMS"]
    elizabeth_form.update(
        {f"onderdeel-{int(empty) - 1}-heading": "Sterktes", f"onderdeel-{int(empty) - 1}-parent": "1"}
    )

    response = elizabeth.post(url, {**elizabeth_form, "opslaan": ""})

    assert response.status_code == 409
    merged = form_data(response.content.decode(), url)
    rows = {merged[f"onderdeel-{n}-heading"]: n for n in range(int(merged["onderdeel-TOTAL_FORMS"]))}
    assert merged[f"onderdeel-{rows['Sterktes']}-parent"] == str(rows["Visie"])
    assert elizabeth.post(url, {**merged, "opslaan": ""}).status_code == 302
    assert _tree(session) == [("Afspraken", []), ("Visie", ["Sterktes"])]
    assert Outcome.objects.get(session=session).grouping == "Gemengde groepen."

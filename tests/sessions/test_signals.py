"""Signals for policy as users see them: marked in a verslag, listed across circles, followed, exported."""

from __future__ import annotations

import csv
import datetime
import io
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from circles.models import Circle
from sessions.models import Outcome, PolicySignal
from sessions.services.signals import signal_items
from tests.factories import make_circle, make_report_circle, make_session, make_signal, record_outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcome(projectleider: User, begeleider: User) -> Outcome:
    circle = make_report_circle(projectleider, [begeleider], name="Leerkring Charlois")
    return record_outcome(circle.sessions.order_by("number")[0])


def _page(client: Client, url: str, **params: str) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return unescape(response.content.decode())


def _item_key(outcome: Outcome, text: str) -> str:
    return next(item.key for item in signal_items(outcome=outcome) if item.text == text)


def test_a_facilitator_marks_an_answer_point_and_staf_follows_it_until_answered(
    client: Client, outcome: Outcome, begeleider: User, staf: User
) -> None:
    url = f"/bijeenkomsten/{outcome.session.code}/verslag/signalen/"
    client.force_login(begeleider)
    assert "Uit dit verslag is nog niets gemarkeerd" in _page(client, url)
    key = _item_key(outcome, "de vraagwijzer is grenzeloos")
    response = client.post(url, {"item": key, "note": "Geen loket voor deze vragen."})
    assert response.status_code == 302
    page = _page(client, url)
    assert "Deelvraag 3 · Vraagwijzers" in page
    assert "Geen loket voor deze vragen." in page

    client.force_login(staf)
    overview = _page(client, "/bijeenkomsten/signalen/")
    assert "1 signaal gevonden" in overview
    assert "de vraagwijzer is grenzeloos" in overview
    assert "Leerkring Charlois" in overview
    signal = PolicySignal.objects.get()
    detail = f"/bijeenkomsten/signalen/{signal.code}/"
    response = client.post(detail, {"status": "beantwoord", "reply": ""})
    assert response.status_code == 200
    assert "Vul de reactie van de gemeente in als het signaal beantwoord is." in unescape(response.content.decode())
    client.post(detail, {"status": "doorgezet", "reply": ""})
    client.post(detail, {"status": "beantwoord", "reply": "Wordt meegenomen in het loketbeleid."})
    signal.refresh_from_db()
    assert (signal.status, signal.updated_by) == (PolicySignal.Status.ANSWERED, staf)
    assert "Wordt meegenomen in het loketbeleid." in _page(client, "/bijeenkomsten/signalen/", status="beantwoord")


def test_a_section_item_can_be_marked_too(client: Client, outcome: Outcome, projectleider: User) -> None:
    client.force_login(projectleider)
    url = f"/bijeenkomsten/{outcome.session.code}/verslag/signalen/"
    client.post(url, {"item": _item_key(outcome, "Sneller opschalen"), "note": "Opschalen duurt te lang."})
    assert PolicySignal.objects.get().source == "Kansen"


def test_marking_without_choice_or_note_keeps_the_note_and_says_what_is_missing(
    client: Client, outcome: Outcome, begeleider: User
) -> None:
    client.force_login(begeleider)
    url = f"/bijeenkomsten/{outcome.session.code}/verslag/signalen/"
    page = unescape(client.post(url, {"item": "", "note": "Mijn toelichting"}).content.decode())
    assert "Kies het punt dat u wilt signaleren." in page
    assert "Mijn toelichting" in page
    page = unescape(client.post(url, {"item": "a-999-999-0", "note": ""}).content.decode())
    assert "Dit punt staat niet (meer) in het verslag." in page
    assert "Schrijf kort waarom dit een signaal voor beleid is." in page
    assert not PolicySignal.objects.exists()


def test_staf_reads_signals_of_a_verslag_but_cannot_mark(client: Client, outcome: Outcome, staf: User) -> None:
    client.force_login(staf)
    url = f"/bijeenkomsten/{outcome.session.code}/verslag/signalen/"
    assert "Markeren als signaal" not in _page(client, url)
    assert client.post(url, {"item": "x", "note": "y"}).status_code == 403


def test_the_overview_filters_by_bouwsteen_period_and_status(
    client: Client, projectleider: User, begeleider: User, staf: User
) -> None:
    old = record_outcome(make_report_circle(projectleider, [begeleider], building_blocks=[2]).sessions.all()[0])
    new_circle = make_circle(projectleider, name="Leerkring IJsselmonde", building_blocks=[6])
    new = record_outcome(make_session(new_circle, datetime.date(2027, 3, 2), facilitators=[begeleider]))
    make_signal(old, "signaal van 2014")
    make_signal(new, "signaal van 2027", status=PolicySignal.Status.FORWARDED)
    client.force_login(staf)
    url = "/bijeenkomsten/signalen/"
    by_year = _page(client, url, periode="2014")
    assert "signaal van 2014" in by_year and "signaal van 2027" not in by_year
    by_block = _page(client, url, bouwsteen="6")
    assert "signaal van 2027" in by_block and "signaal van 2014" not in by_block
    by_status = _page(client, url, status="nieuw")
    assert "signaal van 2014" in by_status and "signaal van 2027" not in by_status
    assert "Geen signalen gevonden met deze filters." in _page(client, url, periode="2014", status="doorgezet")


def test_the_csv_holds_the_filtered_signals_and_defuses_formulas(client: Client, outcome: Outcome, staf: User) -> None:
    make_signal(outcome, '=HYPERLINK("x")', reply="Wij pakken dit op.", status=PolicySignal.Status.ANSWERED)
    make_signal(outcome, "nog nieuw")
    client.force_login(staf)
    response = client.get("/bijeenkomsten/signalen/export.csv", {"status": "beantwoord"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:7] == ["Leerkring", "Bijeenkomst", "Datum", "Onderdeel", "Signaal", "Toelichting", "Status"]
    assert len(rows) == 2
    assert rows[1][:5] == ["Leerkring Charlois", "1", "2014-10-13", "Deelvraag 3 · Vraagwijzers", '\'=HYPERLINK("x")']
    assert rows[1][6:8] == ["Beantwoord", "Wij pakken dit op."]


def _signals(circle: Circle, count: int) -> None:
    for session in circle.sessions.all()[:2]:
        outcome = Outcome.objects.filter(session=session).first() or record_outcome(session)
        PolicySignal.objects.bulk_create(
            PolicySignal(outcome=outcome, source="Kansen", text=f"signaal {n}", note="toelichting")
            for n in range(count)
        )


def _overview_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/bijeenkomsten/signalen/", {"status": "nieuw"})
    assert response.status_code == 200
    return len(queries)


def test_the_overview_runs_the_same_queries_for_few_and_many_signals(
    client: Client, projectleider: User, begeleider: User, staf: User
) -> None:
    client.force_login(staf)
    _signals(make_report_circle(projectleider, [begeleider]), 2)
    few = _overview_queries(client)
    for _ in range(3):
        _signals(make_report_circle(projectleider, [begeleider]), 20)
    assert PolicySignal.objects.count() > 100
    assert _overview_queries(client) == few

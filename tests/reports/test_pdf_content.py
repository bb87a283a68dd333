"""What a reader finds in the PDFs, read back with pdftotext."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from circles.models import Circle
from reports import services
from reports.models import Report
from reports.selectors import circle_report_context, session_summary_context
from sessions.models import Action, Outcome
from tests.factories import (
    SUBGROUPS,
    SUBQUESTIONS,
    first_session,
    make_registration,
    make_report_circle,
    record_attendance,
    record_outcome,
)
from tests.pages import form_data
from tests.reports.conftest import assert_in_order, pdf_text, poppler

pytestmark = pytest.mark.django_db


def render(report_kwargs: dict[str, Any], django_capture_on_commit_callbacks: Any) -> Report:
    with django_capture_on_commit_callbacks(execute=True), translation.override("nl"):
        report, reused = services.report_request(**report_kwargs)
    assert not reused
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    return report


def test_session_summary_has_every_part_in_order(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    _first, second, third, _fourth = circle.sessions.all()
    record_attendance(second)
    record_outcome(second, established_at=third)

    report = render(
        {"kind": Report.Kind.SESSION_SUMMARY, "circle": circle, "session": second, "user": projectleider},
        django_capture_on_commit_callbacks,
    )
    text = pdf_text(report.file.read())

    expected = [
        "Samenvatting opbrengst Leerkring 1 - Methodiekontwikkeling - Methodiekontwikkeling",
        "27 oktober 2014",
        "Inleiding",
        "Het doel is ervaringen uitwisselen en omzetten in handvatten voor de nieuwe wijkteams.",
        "Centrale vraag van de tweede bijeenkomst",
        "Wat betekent de WMO voor jouw professie?",
        "Wijze van werken",
        "1. Reflectie over de opbrengst van Living Lab I (gesprek).",
        "3. Het uitwisselen van informatie (moderatiemethode).",
        "Aan deze tweede bijeenkomst namen 26 personen deel: 8 wijkteammedewerkers, 5 vraagwijzermedewerkers, "
        "4 wijkteamleiders, 5 beleidsmedewerkers en 4 onderzoekers of docenten.",
        "Resultaten",
    ]
    for number, (question, answers) in enumerate(SUBQUESTIONS, start=1):
        expected.append(f"{number}. {question}")
        for group, answer in zip(SUBGROUPS, answers, strict=True):
            expected.append(f"{group}:")
            expected.extend(answer.splitlines())
    expected += [
        "Kansen",
        "Sneller opschalen",
        "Acties",
        "Sociale kaart van Charlois bijwerken",
        "Fatima el Amrani",
        "Besproken en vastgesteld tijdens de derde leerkringbijeenkomst dd. 10 november 2014",
    ]
    assert_in_order(text, expected)
    assert "Concept" not in text


def test_session_summary_has_the_page_frame_and_is_a_tagged_pdf_with_embedded_fonts(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    session = first_session(circle)
    record_outcome(session)
    report = render(
        {"kind": Report.Kind.SESSION_SUMMARY, "circle": circle, "session": session, "user": projectleider},
        django_capture_on_commit_callbacks,
    )
    pdf = report.file.read()
    text = pdf_text(pdf)

    assert text.count("Werkplaats Sociaal Domein") == 2
    assert "Pagina 1 van 2" in text
    assert "Pagina 2 van 2" in text
    assert "Concept – nog niet vastgesteld" in text
    assert "Besproken en vastgesteld" not in text
    info = poppler("pdfinfo", pdf)
    assert "Tagged:          yes" in info
    assert "Page size:       595.276 x 841.89 pts (A4)" in info
    assert "Samenvatting opbrengst Leerkring 1" in info  # the document title
    fonts = poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts
    assert all("+DejaVu-Sans" in line and " yes yes " in line for line in fonts), fonts  # embedded subsets


def test_circle_report_with_personal_data(
    circle: Circle, projectleider: User, begeleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    sessions = list(circle.sessions.all())
    for session in sessions[:3]:
        record_attendance(session)
    record_outcome(sessions[0], established_at=sessions[1], central_question="Wat is de opbrengst van Living Lab I?")
    record_outcome(sessions[1], central_question="Een vraag uit een concept dat nog niet is vastgesteld")
    Action.objects.filter(session=sessions[1]).update(status=Action.Status.DONE, description="Afgeronde actie")
    make_registration(circle, first_name="Anna", last_name="de Vries", team="Charlois")
    make_registration(circle, email="piet@example.org", first_name="Piet", last_name="Pernis", status="afgemeld")

    report = render(
        {"kind": Report.Kind.CIRCLE_REPORT, "circle": circle, "user": projectleider},
        django_capture_on_commit_callbacks,
    )
    assert report.include_personal_data
    text = pdf_text(report.file.read(), layout=False)

    assert_in_order(
        text,
        [
            "Rapport Leerkring 1 - Methodiekontwikkeling",
            "Themaleerkring",
            "1 oktober 2014 – 31 januari 2015",
            "Projectleider Elizabeth van Twist",
            "1 aangemeld (maximaal 25), tot 26 aanwezig per bijeenkomst",
            "Bouwstenen",
            "1. Vooruit met het oog voor het verleden van het sociaal werk",
            "Bijeenkomsten en aanwezigheid",
            "13 okt 2014",
            "26 8 wijkteammedewerkers",
            "Vastgesteld",
            "Aanwezigheid per functiegroep",
            "Deelnemers",
            "Anna de Vries Wijkteam Charlois Wijkteammedewerker",
            "Openstaande acties",
            "Sociale kaart van Charlois bijwerken Fatima el Amrani bijeenkomst 1",
            "Vastgestelde samenvattingen",
            "Wat is de opbrengst van Living Lab I?",
            "Besproken en vastgesteld tijdens de tweede leerkringbijeenkomst dd. 27 oktober 2014",
        ],
    )
    # The chart's own text (the SVG is drawn after the page's text)
    # Nothing recorded at the fourth: a gap that says so, as the table's "–", not a bar of 0.
    assert "Bijeenkomst 1 26 Bijeenkomst 2 26 Bijeenkomst 3 26 Bijeenkomst 4 niet vastgelegd" in text
    assert "Wijkteammedewerker Vraagwijzermedewerker Wijkteamleider" in text
    assert "Piet Pernis" not in text  # cancelled sign-ups are no participants
    assert "Afgeronde actie" not in text
    assert "nog niet is vastgesteld" not in text  # only established summaries


def test_circle_report_without_personal_data_leaves_names_out(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    sessions = list(circle.sessions.all())
    record_outcome(sessions[0], established_at=sessions[1])
    make_registration(circle, first_name="Anna", last_name="de Vries")
    with translation.override("nl"):
        context = circle_report_context(circle=circle, include_personal_data=False)
    report = Report.objects.create(kind=Report.Kind.CIRCLE_REPORT, circle=circle, content_hash="x")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_enqueue(report_id=report.pk)
    report.refresh_from_db()
    text = pdf_text(report.file.read())

    assert context["participants"] == []
    assert "Anna de Vries" not in text
    assert "Fatima el Amrani" not in text
    assert "Actie-eigenaar" not in text
    assert "Sociale kaart van Charlois bijwerken" in text


def test_ordinals_and_dates_follow_the_session(circle: Circle, projectleider: User) -> None:
    late = circle.sessions.last()
    assert late is not None
    late.date = datetime.date(2015, 3, 2)
    late.number = 13
    late.save()
    first = first_session(circle)
    outcome = record_outcome(first)
    outcome.status = Outcome.Status.ESTABLISHED
    outcome.established_at_session = late
    outcome.save()
    with translation.override("nl"):
        late_context = session_summary_context(session=late, include_personal_data=False)
        context = session_summary_context(session=first, include_personal_data=False)

    assert late_context["summary"]["ordinal"] == "13e"
    assert context["summary"]["footnote"] == (
        "Besproken en vastgesteld tijdens de 13e leerkringbijeenkomst dd. 2 maart 2015"
    )


def test_an_empty_inleiding_names_the_leaders_and_the_goal(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    session = first_session(circle)
    record_outcome(session, introduction="")
    report = render(
        {"kind": Report.Kind.SESSION_SUMMARY, "circle": circle, "session": session, "user": projectleider},
        django_capture_on_commit_callbacks,
    )

    assert_in_order(
        pdf_text(report.file.read()),
        [
            "Inleiding",
            "De leerkring wordt geleid door Elizabeth van Twist (projectleider) in samenwerking met Berry van den Bos.",
            "Het doel van de leerkring: Ervaringen uitwisselen en omzetten in handvatten.",
            "Centrale vraag van de eerste bijeenkomst",
        ],
    )


def test_the_footnote_names_only_a_session_on_or_after_the_submission(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    first, second, third, _fourth = circle.sessions.all()  # 13 and 27 October, 10 November 2014
    amsterdam = ZoneInfo("Europe/Amsterdam")
    # Established before the PAR rule at a session held before it was submitted: that date is false.
    false_date = record_outcome(first, established_at=second)
    false_date.submitted_at = datetime.datetime(2014, 11, 3, 12, tzinfo=amsterdam)
    false_date.established_at = datetime.datetime(2014, 11, 10, 16, tzinfo=amsterdam)
    false_date.save()
    record_outcome(second, established_at=third, submitted_at=datetime.datetime(2014, 10, 27, 17, tzinfo=amsterdam))

    report = render(
        {"kind": Report.Kind.CIRCLE_REPORT, "circle": circle, "user": projectleider}, django_capture_on_commit_callbacks
    )

    text = pdf_text(report.file.read())
    assert "Vastgesteld op 10 november 2014" in text
    assert "Besproken en vastgesteld tijdens de derde leerkringbijeenkomst dd. 10 november 2014" in text
    assert "tweede leerkringbijeenkomst dd. 27 oktober 2014" not in text


def test_untouched_suggestions_are_not_printed_and_kept_or_edited_ones_are(
    client: Client, circle: Circle, projectleider: User, begeleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    session = first_session(circle)
    url = f"/bijeenkomsten/{session.code}/verslag/"
    client.force_login(begeleider)
    data = form_data(client.get(url).content.decode(), url)
    client.post(url, {**data, "central_question": "Wat werkt in de wijk?", "opslaan": ""})
    summary = {"kind": Report.Kind.SESSION_SUMMARY, "circle": circle, "session": session, "user": projectleider}

    untouched = pdf_text(render(summary, django_capture_on_commit_callbacks).file.read())

    data = form_data(client.get(url).content.decode(), url)
    own = "Deze leerkring is er voor de wijkteams van Charlois."
    client.post(url, {**data, "introduction": own, "method_keep": "on", "opslaan": ""})
    kept = pdf_text(render(summary, django_capture_on_commit_callbacks).file.read())

    assert "Wat werkt in de wijk?" in untouched
    for suggested in ("Methodiekontwikkeling wordt geleid door", "Het programma bestaat uit", "Participatory Action"):
        assert suggested not in untouched
    assert own in kept and "Participatory Action Research (PAR)" in kept


def test_names_headings_and_table_headers_are_never_hyphenated(
    circle: Circle, projectleider: User, begeleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    begeleider.last_name = "Pourmohammadi"
    begeleider.save()
    sessions = list(circle.sessions.all())
    # The name at every position of a line: with hyphenation on, some line would end in "Pourmo-".
    introduction = " ".join(f"{'x' * (n % 9)} Shirin Pourmohammadi" for n in range(60))
    record_outcome(sessions[0], established_at=sessions[1], introduction=introduction)
    record_attendance(sessions[0])
    report = render(
        {"kind": Report.Kind.CIRCLE_REPORT, "circle": circle, "user": projectleider}, django_capture_on_commit_callbacks
    )

    raw = poppler("pdftotext", report.file.read(), "-raw")
    assert raw.count("Pourmohammadi") >= 60
    assert raw.count("Pourmo") == raw.count("Pourmohammadi")  # never "Pourmo‐" at a line's end
    headings = ["Rapport Leerkring 1 - Methodiekontwikkeling", "Vastgestelde samenvattingen", "Actie-eigenaar"]
    assert all(heading in raw for heading in headings)


def test_the_participant_line_agrees_with_entered_counts(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    for session in circle.sessions.all()[:2]:
        record_attendance(session)
    report = render(
        {"kind": Report.Kind.CIRCLE_REPORT, "circle": circle, "user": projectleider}, django_capture_on_commit_callbacks
    )

    text = pdf_text(report.file.read())
    assert "Deelnemers Niet via Leerkring aangemeld (maximaal 25), tot 26 aanwezig per bijeenkomst" in text
    assert "0 aangemeld" not in text


def test_empty_parts_are_left_out_and_nothing_forces_a_new_page(
    projectleider: User, begeleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    circle = make_report_circle(projectleider, [projectleider, begeleider], sessions=2)
    first, second = circle.sessions.all()
    outcome = record_outcome(first, established_at=second, grouping="")
    outcome.session.actions.all().delete()
    report = render(
        {"kind": Report.Kind.CIRCLE_REPORT, "circle": circle, "user": projectleider}, django_capture_on_commit_callbacks
    )

    pdf = report.file.read()
    text = pdf_text(pdf)
    empty_parts = ["Groepsindeling en aanwezigheid", "Openstaande acties", "Er staan geen acties open"]
    empty_parts.append("Naam Organisatie")  # the participants table
    for empty in empty_parts:
        assert empty not in text
    # The first page is filled before the summaries begin: no forced break after the short facts.
    first_page = poppler("pdftotext", pdf, "-l", "1")
    assert "Vastgestelde samenvattingen" in first_page


def test_the_running_header_shortens_a_long_name_at_a_word_boundary(
    projectleider: User, begeleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    name = "Leerkring 1 - Methodiekontwikkeling integrale wijkteams en (verbrede) vraagwijzers in Rotterdam-Zuid"
    circle = make_report_circle(projectleider, [begeleider], name=name)
    report = render(
        {"kind": Report.Kind.CIRCLE_REPORT, "circle": circle, "user": projectleider}, django_capture_on_commit_callbacks
    )

    text = pdf_text(report.file.read())
    assert "Leerkring 1 - Methodiekontwikkeling integrale wijkteams en (verbrede)…" in text

"""A long unbroken "word" in a verslag breaks across lines in the PDF instead of running off the page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from circles.models import Circle
from reports import services
from reports.models import Report
from reports.pdf import BREAK_EVERY, ZERO_WIDTH_SPACE, breakable
from sessions.models import Answer
from tests.factories import first_session, record_attendance, record_outcome
from tests.reports.conftest import pdf_text, poppler

A4_WIDTH_PT = 595.3


def test_long_runs_get_a_break_opportunity_and_words_tags_and_entities_stay_whole() -> None:
    word = "arbeidsongeschiktheidsverzekeringsmaatschappij"[:BREAK_EVERY]
    html = f'<p class="{"c" * 60}">{word} {"y" * 100}&amp;{"z" * 10}</p>'
    assert breakable(html) == (
        f'<p class="{"c" * 60}">{word} {"y" * 40}{ZERO_WIDTH_SPACE}{"y" * 40}{ZERO_WIDTH_SPACE}{"y" * 20}'
        f"&amp;{'z' * 10}</p>"
    )


@pytest.mark.django_db
def test_an_answer_of_one_long_word_stays_inside_the_page_and_whole(
    circle: Circle, projectleider: User, django_capture_on_commit_callbacks: Any
) -> None:
    session = first_session(circle)
    record_attendance(session)
    record_outcome(session)
    word = "Wijkteam" * 400  # 3,200 characters without a space, as a paste gone wrong
    Answer.objects.filter(subquestion__outcome__session=session).update(text=word)

    with django_capture_on_commit_callbacks(execute=True), translation.override("nl"):
        report, _reused = services.report_request(
            kind=Report.Kind.SESSION_SUMMARY, circle=circle, session=session, user=projectleider
        )
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    pdf = report.file.read()

    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', poppler("pdftotext", pdf, "-bbox"))]
    assert right_edges and max(right_edges) < A4_WIDTH_PT - 30  # within the right margin
    text = re.sub(rf"[\s{ZERO_WIDTH_SPACE}]", "", pdf_text(pdf, layout=False))
    assert word in text  # broken over lines, nothing cut off

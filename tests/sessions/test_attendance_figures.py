import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from circles.calendar import calendar_for_sessions
from circles.models import Function
from sessions.charts import attendance_chart_svg
from sessions.models import Attendance, AttendanceCount
from sessions.selectors import attendance_by_function, attendance_figures, attendance_table
from tests.factories import make_circle, make_registration, make_session


@pytest.mark.django_db
def test_counts_are_derived_from_present_participants_and_guests(projectleider: User) -> None:
    circle = make_circle(projectleider)
    session = make_session(circle, datetime.date(2027, 3, 2))
    anna = make_registration(circle, "anna@example.org", function=Function.WIJKTEAMMEDEWERKER)
    bram = make_registration(circle, "bram@example.org", function=Function.WIJKTEAMMEDEWERKER)
    cor = make_registration(circle, "cor@example.org", function=Function.WIJKTEAMLEIDER)
    Attendance.objects.create(session=session, registration=anna, present=True)
    Attendance.objects.create(session=session, registration=bram, present=True)
    Attendance.objects.create(session=session, registration=cor, present=False)
    Attendance.objects.create(session=session, guest_name="Gast", guest_function=Function.BELEIDSMEDEWERKER)
    assert attendance_by_function(session) == {"wijkteammedewerker": 2, "beleidsmedewerker": 1}


@pytest.mark.django_db
def test_entered_counts_win_over_individual_marks(projectleider: User) -> None:
    circle = make_circle(projectleider)
    session = make_session(circle, datetime.date(2027, 3, 2))
    AttendanceCount.objects.create(session=session, function=Function.VRAAGWIJZERMEDEWERKER, count=5)
    AttendanceCount.objects.create(session=session, function=Function.WIJKTEAMLEIDER, count=0)
    dirk = make_registration(circle, "dirk@example.org", function=Function.BELEIDSMEDEWERKER)
    Attendance.objects.create(session=session, registration=dirk, present=True)
    assert attendance_by_function(session) == {"vraagwijzermedewerker": 5}


@pytest.mark.django_db
def test_the_sessions_of_a_circle_are_counted_together_in_two_queries(projectleider: User) -> None:
    """Entered counts for one session, marks for another, nothing for a third; a guest without a
    function and a sign-up whose function was wiped count as "anders"."""
    circle = make_circle(projectleider)
    counted, marked, empty = (make_session(circle, datetime.date(2027, 3, day)) for day in (2, 9, 16))
    AttendanceCount.objects.create(session=counted, function=Function.WIJKTEAMLEIDER, count=4)
    vraagwijzer = Function.VRAAGWIJZERMEDEWERKER
    people = [make_registration(circle, f"p{n}@example.org", function=vraagwijzer) for n in range(12)]
    Attendance.objects.bulk_create(Attendance(session=marked, registration=person) for person in people)
    Attendance.objects.create(session=counted, registration=people[0], present=True)  # the entered counts win
    Attendance.objects.create(session=marked, guest_name="Gast")
    wiped = make_registration(circle, "wiped@example.org")
    type(wiped).objects.filter(pk=wiped.pk).update(function="")
    Attendance.objects.create(session=marked, registration=wiped)

    with CaptureQueriesContext(connection) as queries:
        figures = attendance_figures([counted, marked, empty])

    assert len(queries) == 2
    assert figures == {
        counted.pk: {"wijkteamleider": 4},
        marked.pk: {"vraagwijzermedewerker": 12, "anders": 2},
        empty.pk: {},
    }


@pytest.mark.django_db
def test_chart_draws_a_bar_per_session_with_labelled_segments(projectleider: User) -> None:
    circle = make_circle(projectleider)
    first = make_session(circle, datetime.date(2027, 3, 2))
    AttendanceCount.objects.create(session=first, function=Function.WIJKTEAMMEDEWERKER, count=8)
    svg = str(attendance_chart_svg(attendance_table(circle.sessions.all())))
    assert svg.startswith("<svg")
    assert "Bijeenkomst 1" in svg
    assert "<title>Wijkteammedewerker: 8</title>" in svg


@pytest.mark.django_db
def test_calendar_has_one_event_per_session_in_amsterdam_time(projectleider: User) -> None:
    circle = make_circle(projectleider, name="Leerkring Charlois")
    make_session(circle, datetime.date(2027, 3, 2), "13:00", "16:00", location="Wijkhuis Charlois")
    make_session(circle, datetime.date(2027, 3, 9), "09:30", "12:30")
    ics = calendar_for_sessions(sessions=circle.sessions.select_related("circle"), name=circle.name)
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Leerkring Charlois – bijeenkomst 1",
        "Leerkring Charlois – bijeenkomst 2",
    ]
    start = events[0].decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (13, "Europe/Amsterdam")
    assert str(events[0]["location"]) == "Wijkhuis Charlois"

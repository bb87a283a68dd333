"""A series of sessions in one go: first date, every N weeks, how many; each date editable before saving.

Step one (SeriesForm) proposes the dates; step two shows them as a small formset the project
leader may change. Every date meets the same rules as a single session (circles/rules.py).
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from circles import rules
from circles.forms.planning import DATE_WIDGET, PeopleChoiceField
from circles.forms.sessions import next_session_initial
from circles.models import Circle, Session
from circles.services.sessions import bookings_overlapping
from leerkring.core.roles import BEGELEIDER

MAX_SERIES = 12
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SeriesForm(forms.Form):
    first_date = forms.DateField(label=_("Eerste datum"), widget=DATE_WIDGET)
    every_weeks = forms.IntegerField(
        label=_("Om de hoeveel weken"), min_value=1, max_value=12, initial=2, help_text=_("1 is elke week.")
    )
    count = forms.IntegerField(
        label=_("Aantal bijeenkomsten"), min_value=2, max_value=MAX_SERIES, initial=rules.MIN_SESSIONS
    )
    start_time = forms.TimeField(label=_("Begintijd"), widget=TIME_WIDGET)
    end_time = forms.TimeField(label=_("Eindtijd"), widget=TIME_WIDGET)
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    facilitators = PeopleChoiceField(
        label=_("Begeleiders"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Minimaal twee begeleiders per bijeenkomst."),
    )

    def __init__(self, *args: Any, circle: Circle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.circle = circle
        field = self.fields["facilitators"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(Q(groups__name=BEGELEIDER, is_active=True)).distinct()
        if not self.is_bound:
            start = next_session_initial(circle)
            start.setdefault("date", circle.start_date)
            self.initial.update({**start, "first_date": start["date"]})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        return data

    def proposed_dates(self) -> list[datetime.date]:
        data = self.cleaned_data
        step = datetime.timedelta(weeks=data["every_weeks"])
        return [data["first_date"] + step * index for index in range(data["count"])]


class SeriesDateForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)


SeriesDateFormSet = forms.formset_factory(
    SeriesDateForm, extra=0, min_num=1, max_num=MAX_SERIES, validate_min=True, validate_max=True
)


def series_formset(series: SeriesForm, data: Any = None) -> Any:
    """The dates step: bound to what was posted, or proposed from the series."""
    if data is not None:
        formset = SeriesDateFormSet(data, prefix="reeks")
    else:
        formset = SeriesDateFormSet(initial=[{"date": date} for date in series.proposed_dates()], prefix="reeks")
    for number, form in enumerate(formset.forms, start=1):
        form.fields["date"].label = _("Datum %(number)d") % {"number": number}
    return formset


def _session(series: SeriesForm, date: datetime.date) -> Session:
    data = series.cleaned_data
    return Session(circle=series.circle, date=date, start_time=data["start_time"], end_time=data["end_time"])


def series_check(series: SeriesForm, formset: Any) -> bool:
    """Put every date's problems next to that date; True when all may be saved."""
    if not formset.is_valid():
        return False
    chosen = series.cleaned_data["facilitators"]
    dates = [form.cleaned_data["date"] for form in formset.forms]
    for index, form in enumerate(formset.forms):
        session = _session(series, dates[index])
        subject = rules.this_session()
        bookings = bookings_overlapping(users=chosen, date=session.date, start=session.start_time, end=session.end_time)
        problems = [rules.booking_problem(subject, booking) for booking in bookings]
        if dates.index(session.date) != index:
            problems.append(rules.Problem("date", str(_("Deze datum staat al eerder in de reeks."))))
        if series.circle.is_strict:
            others = list(series.circle.sessions.filter(date=session.date))
            found = rules.session_problems(session, subject=subject, facilitator_count=len(chosen), others=others)
            problems += [problem for problem in found if problem.field != "facilitators"]
        for problem in problems:
            form.add_error("date", problem.message)
    too_few = rules.facilitators_problem(rules.this_session(), len(chosen)) if series.circle.is_strict else None
    if too_few:
        series.add_error("facilitators", too_few.message)
    return not too_few and not any(form.errors for form in formset.forms)


def series_warnings(series: SeriesForm, formset: Any) -> list[list[rules.Problem]]:
    """Per date in the formset: the warnings (holidays) shown beside it, which do not stop saving."""
    found: list[list[rules.Problem]] = []
    for form in formset.forms:
        field = form["date"]
        value = field.value()
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                value = None
        found.append(rules.session_warnings(_session(series, value)) if value else [])
    return found

"""Adding and changing a circle's sessions; the publishing rules come from circles/rules.py."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from buildingblocks.models import BuildingBlock
from circles import rules
from circles.forms.planning import PeopleChoiceField
from circles.models import Circle, Session
from circles.services.sessions import bookings_overlapping
from leerkring.core.roles import BEGELEIDER
from leerkring.core.textlimits import bound_text_fields


def next_session_initial(circle: Circle) -> dict[str, Any]:
    """A new session starts from the previous one: the same interval later, its times, place and people.

    Reads `circle.sessions.all()`, so a circle with its sessions prefetched costs no extra query.
    """
    sessions = sorted(circle.sessions.all(), key=lambda s: (s.date, s.start_time, s.pk))
    if not sessions:
        return {"location": circle.location}
    last = sessions[-1]
    gap = (last.date - sessions[-2].date).days if len(sessions) > 1 else 7
    # Whole weeks, so the new session keeps the last one's weekday even after a date was moved by a day.
    weeks = max(1, round(gap / 7))
    return {
        "date": last.date + datetime.timedelta(weeks=weeks),
        "start_time": last.start_time,
        "end_time": last.end_time,
        "location": last.location or circle.location,
        "facilitators": [user.pk for user in last.facilitators.all()],
    }


class SessionForm(forms.ModelForm):
    """A facilitator is never booked twice at once; an open circle's sessions must also meet the rules."""

    facilitators = PeopleChoiceField(
        label=_("Begeleiders"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Minimaal twee begeleiders per bijeenkomst."),
    )
    building_blocks = forms.ModelMultipleChoiceField(
        label=_("Bouwstenen van deze bijeenkomst"),
        queryset=BuildingBlock.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen invullen als deze bijeenkomst andere bouwstenen heeft dan de leerkring."),
    )

    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "location", "theme", "facilitators", "building_blocks"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {"theme": _("Optioneel, bijvoorbeeld „Wat betekent de Wmo voor ons vak?”")}

    def __init__(self, *args: Any, circle: Circle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_text_fields(self)
        self.circle = circle
        self.instance.circle = circle
        people = Q(groups__name=BEGELEIDER, is_active=True)
        if self.instance.pk:
            people |= Q(pk__in=self.instance.facilitators.values("pk"))
        field = self.fields["facilitators"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(people).distinct()
        if not self.instance.pk and not self.is_bound:
            self.initial.update(next_session_initial(circle))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # ModelForm.clean returns cleaned_data
        date, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
            return data
        if date and start and end:
            self.instance.date, self.instance.start_time, self.instance.end_time = date, start, end
            self._add_problems(self._booking_problems(data))
            if self.circle.is_strict:
                self._add_problems(self._open_circle_problems(data))
        return data

    def _add_problems(self, problems: list[rules.Problem]) -> None:
        for problem in problems:
            self.add_error(problem.field, problem.message)

    def _booking_problems(self, data: dict[str, Any]) -> list[rules.Problem]:
        session = self.instance
        bookings = bookings_overlapping(
            users=data.get("facilitators") or [],
            date=session.date,
            start=session.start_time,
            end=session.end_time,
            exclude=session,
        )
        return [rules.booking_problem(rules.this_session(), booking) for booking in bookings]

    def _open_circle_problems(self, data: dict[str, Any]) -> list[rules.Problem]:
        """Checked at once for an open circle; a concept is checked when it is published."""
        chosen = data.get("facilitators")
        problems = rules.session_problems(
            self.instance,
            subject=rules.this_session(),
            facilitator_count=len(chosen or []),
            others=list(self.circle.sessions.filter(date=self.instance.date)),
        )
        # Facilitators that did not validate have their own error already.
        return [problem for problem in problems if problem.field != "facilitators" or chosen is not None]

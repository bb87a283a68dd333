"""Adding and changing a circle's sessions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from buildingblocks.models import BuildingBlock
from circles.forms.planning import PeopleChoiceField
from circles.models import Circle, Session
from circles.services.planning import MAX_DURATION, MIN_DURATION, MIN_FACILITATORS, duration_label
from leerkring.core.roles import BEGELEIDER
from sessions.services.planning import bookings_overlapping


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
        help_texts = {"theme": _("Optioneel, bijvoorbeeld „Wat betekent de Wmo voor jouw professie?”")}

    def __init__(self, *args: Any, circle: Circle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.circle = circle
        self.instance.circle = circle
        people = Q(groups__name=BEGELEIDER, is_active=True)
        if self.instance.pk:
            people |= Q(pk__in=self.instance.facilitators.values("pk"))
        field = self.fields["facilitators"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(people).distinct().order_by("first_name", "last_name")
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("location", circle.location)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # ModelForm.clean returns cleaned_data
        date, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
            return data
        if date and start and end:
            self._clean_bookings(data, date, start, end)
            if self.circle.status != Circle.Status.CONCEPT:
                self._clean_open_circle(data, date, start, end)
        return data

    def _clean_bookings(self, data: dict[str, Any], date: Any, start: Any, end: Any) -> None:
        for booking in bookings_overlapping(
            users=data.get("facilitators") or [], date=date, start=start, end=end, exclude=self.instance
        ):
            other = booking.session
            self.add_error(
                "facilitators",
                _(
                    "%(person)s begeleidt op %(date)s van %(start)s tot %(end)s al bijeenkomst %(number)d van "
                    "„%(circle)s”. Kies een andere tijd of een andere begeleider."
                )
                % {
                    "person": booking.user.get_full_name() or booking.user.get_username(),
                    "date": date_format(other.date, "j F Y"),
                    "number": other.number,
                    "circle": other.circle.name,
                    "start": other.start_time.strftime("%H:%M"),
                    "end": other.end_time.strftime("%H:%M"),
                },
            )

    def _clean_open_circle(self, data: dict[str, Any], date: Any, start: Any, end: Any) -> None:
        """Checked at once for a published circle; a concept is checked when it is published."""
        self.instance.date, self.instance.start_time, self.instance.end_time = date, start, end
        duration = self.instance.duration
        if not MIN_DURATION <= duration <= MAX_DURATION:
            self.add_error(
                "end_time",
                _("Deze bijeenkomst duurt %(duration)s; een bijeenkomst duurt 2,5 tot 4 uur.")
                % {"duration": duration_label(duration)},
            )
        if "facilitators" in data and len(data["facilitators"]) < MIN_FACILITATORS:
            self.add_error("facilitators", _("Kies minimaal twee begeleiders."))
        if not self.circle.start_date <= date <= self.circle.end_date:
            self.add_error(
                "date",
                _("Kies een datum binnen de periode van de leerkring (%(start)s tot en met %(end)s).")
                % {
                    "start": date_format(self.circle.start_date, "j F Y"),
                    "end": date_format(self.circle.end_date, "j F Y"),
                },
            )
        others = self.circle.sessions.filter(date=date, start_time__lt=end, end_time__gt=start)
        for other in others.exclude(pk=self.instance.pk):
            self.add_error(
                "start_time",
                _("Deze bijeenkomst overlapt met bijeenkomst %(number)d (%(start)s–%(end)s).")
                % {
                    "number": other.number,
                    "start": other.start_time.strftime("%H:%M"),
                    "end": other.end_time.strftime("%H:%M"),
                },
            )

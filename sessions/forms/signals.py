"""Forms for signals for policy: marking an item of a verslag, following it, filtering the overview."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from buildingblocks.models import BuildingBlock
from circles.models import Circle
from circles.selectors import circles_working_on
from sessions.models import PolicySignal
from sessions.services.signals import SignalItem


class SignalMarkForm(forms.Form):
    item = forms.ChoiceField(label=_("Welk punt is een signaal voor beleid?"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Toelichting voor de gemeente"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort: wat moet de gemeente hiervan weten?"),
    )

    def __init__(self, *args: Any, items: list[SignalItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = {item.key: item for item in items}
        field = self.fields["item"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(item.key, f"{item.source}: {item.text}") for item in items]
        self.fields["item"].error_messages["invalid_choice"] = _(
            "Dit punt staat niet (meer) in het verslag. Kies een punt uit de lijst."
        )
        self.fields["item"].error_messages["required"] = _("Kies het punt dat u wilt signaleren.")
        self.fields["note"].error_messages["required"] = _("Schrijf kort waarom dit een signaal voor beleid is.")

    def chosen(self) -> SignalItem:
        return self.items[self.cleaned_data["item"]]


class SignalUpdateForm(forms.ModelForm):
    class Meta:
        model = PolicySignal
        fields = ["status", "reply"]
        widgets = {"reply": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == PolicySignal.Status.ANSWERED and not (cleaned.get("reply") or "").strip():
            self.add_error("reply", _("Vul de reactie van de gemeente in als het signaal beantwoord is."))
        return cleaned


def period_choices() -> list[tuple[int, str]]:
    """The years in which signalled sessions took place, newest first (one small query)."""
    years = PolicySignal.objects.dates("outcome__session__date", "year", order="DESC")
    return [(day.year, str(day.year)) for day in years]


class SignalFilter(django_filters.FilterSet):
    bouwsteen = django_filters.ModelChoiceFilter(
        label=_("Bouwsteen"),
        queryset=BuildingBlock.objects.all(),
        method="filter_building_block",
        empty_label=_("Alle bouwstenen"),
    )
    periode = django_filters.ChoiceFilter(
        label=_("Periode"), choices=[], method="filter_period", empty_label=_("Alle jaren")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PolicySignal.Status.choices, empty_label=_("Alle statussen")
    )

    class Meta:
        model = PolicySignal
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["periode"].extra["choices"] = period_choices()

    def filter_building_block(
        self, queryset: QuerySet[PolicySignal], name: str, value: BuildingBlock
    ) -> QuerySet[PolicySignal]:
        return queryset.filter(outcome__session__circle__in=circles_working_on(Circle.objects.all(), value))

    def filter_period(self, queryset: QuerySet[PolicySignal], name: str, value: str) -> QuerySet[PolicySignal]:
        return queryset.filter(outcome__session__date__year=int(value))

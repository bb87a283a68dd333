"""Forms for attendance: who was there, walk-in guests, or counts per function group."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from circles.models import Function, Organisation, Registration
from leerkring.core.names import ByNameChoiceIterator
from leerkring.core.textlimits import bound_text_fields
from sessions.services.outcomes import GuestInput


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    organisation = forms.ChoiceField(label=_("Organisatie"), choices=[("", "—"), *Organisation.choices], required=False)
    function = forms.ChoiceField(label=_("Functie"), choices=[("", "—"), *Function.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_text_fields(self)


GuestFormSet = forms.formset_factory(GuestForm, extra=1, can_delete=True)


class RegistrationMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ByNameChoiceIterator

    def label_from_instance(self, obj: Registration) -> str:
        return f"{obj.full_name} · {obj.get_function_display()}, {obj.team}"


class AttendanceForm(forms.Form):
    """Every confirmed participant, present or not; all present unless marked otherwise."""

    present = RegistrationMultipleChoiceField(
        label=_("Aanwezig"),
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, registrations: QuerySet[Registration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = registrations

    def present_ids(self) -> set[int]:
        return {registration.pk for registration in self.cleaned_data["present"]}


def guests_from(formset: forms.BaseFormSet) -> list[GuestInput]:
    return [
        GuestInput(f.cleaned_data["name"], f.cleaned_data["organisation"], f.cleaned_data["function"])
        for f in formset.forms
        if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


class AttendanceCountForm(forms.Form):
    """Counts per function group, entered directly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for function in Function:
            self.fields[function.value] = forms.IntegerField(
                label=function.label,
                min_value=0,
                max_value=999,
                required=False,
                error_messages={
                    "min_value": _("Een aantal kan niet negatief zijn."),
                    "max_value": _("Vul een aantal tot 999 in."),
                    "invalid": _("Vul een heel getal in."),
                },
            )

    def counts(self) -> dict[str, int]:
        return {function.value: self.cleaned_data.get(function.value) or 0 for function in Function}

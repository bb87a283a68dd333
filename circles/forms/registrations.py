"""The project leader's forms on the sign-ups page: filters, status, adding a participant by hand."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from circles.forms.signup import RegistrationFieldsForm, prompt_instead_of_blank
from circles.models import Function, Organisation, Registration


class RegistrationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Registration.Status.choices, empty_label=_("Alle statussen")
    )
    organisatie = django_filters.ChoiceFilter(
        label=_("Organisatie"), field_name="organisation", choices=Organisation.choices, empty_label=_("Alle")
    )
    functie = django_filters.ChoiceFilter(
        label=_("Functie"), field_name="function", choices=Function.choices, empty_label=_("Alle functies")
    )

    class Meta:
        model = Registration
        fields: list[str] = []


class RegistrationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Registration.Status.choices)


class RegistrationAddForm(RegistrationFieldsForm):
    """Same details as the public form; no privacy consent or bot checks (the project leader adds)."""

    notify = forms.BooleanField(label=_("Stuur de deelnemer een bevestiging per e-mail"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The project leader fills this in about someone else.
        prompt_instead_of_blank(self.fields["organisation"], _("Kies de organisatie"))
        prompt_instead_of_blank(self.fields["function"], _("Kies de functie"))
        self.fields["learning_question"].help_text = _("Niet verplicht. Wat wil de deelnemer in deze leerkring leren?")

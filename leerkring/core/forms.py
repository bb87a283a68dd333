"""Forms of the privacy pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from leerkring.core.models import DataAccess


class DataAccessFilter(forms.Form):
    """The log's filters; an unknown value is ignored rather than refused."""

    gebruiker = forms.ModelChoiceField(
        label=_("Wie"), queryset=User.objects.none(), required=False, empty_label=_("Iedereen")
    )
    soort = forms.ChoiceField(label=_("Wat"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        users = User.objects.filter(pk__in=DataAccess.objects.values("user")).order_by("username")
        self.fields["gebruiker"].queryset = users  # type: ignore[attr-defined]
        self.fields["soort"].choices = [("", _("Alles")), *DataAccess.Kind.choices]  # type: ignore[attr-defined]


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Het adres waarmee de persoon zich aanmeldde; hoofdletters maken niet uit."),
    )


class EraseForm(PersonForm):
    confirm = forms.BooleanField(
        label=_("Ik begrijp de gevolgen en wil de gegevens van deze persoon wissen"),
        required=True,
        error_messages={"required": _("Vink aan dat u de gevolgen begrijpt; anders wordt er niets gewist.")},
    )

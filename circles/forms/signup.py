"""The public sign-up form and the catalogue filters.

The catalogue's FilterSet lives here because `circles/filters.py` is the planning overview's
module; a filter set is a form too.
"""

from __future__ import annotations

import datetime
import time
import unicodedata
from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from buildingblocks.models import BuildingBlock
from circles.models import Circle, Registration, registration_number_normalised, registration_number_problems
from circles.selectors import circles_working_on
from leerkring.core.textlimits import bound_text_fields

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STARTED_SALT = "circles.signup.started"
TEXTAREA_ALLOWED = {"\n", "\r", "\t"}


def refuse_control_characters(value: str, *, allowed: set[str] | frozenset[str] = frozenset()) -> None:
    if any(unicodedata.category(char) in {"Cc", "Cf", "Co"} and char not in allowed for char in value):
        raise forms.ValidationError(
            _("Dit veld bevat onzichtbare tekens of stuurtekens. Typ de tekst opnieuw in."), code="control"
        )


phone_validator = RegexValidator(
    r"^\+?[0-9 ()\-]{6,20}$",
    _("Vul een geldig telefoonnummer in, bijvoorbeeld 010 123 45 67 of +31 6 12345678."),
)


def started_token() -> str:
    return signing.TimestampSigner(salt=STARTED_SALT).sign(str(int(time.time())))


def seconds_since(token: str) -> float | None:
    """Seconds since the form was handed out; None when the token is missing or forged."""
    try:
        stamp = signing.TimestampSigner(salt=STARTED_SALT).unsign(token, max_age=24 * 3600)
        return time.time() - int(stamp)
    except (signing.BadSignature, ValueError):
        return None


def prompt_instead_of_blank(field: forms.Field, prompt: StrOrPromise) -> None:
    """Replace the "---------" that Django puts first among a model field's choices."""
    assert isinstance(field, forms.ChoiceField)
    choices = field.choices
    # Django normalises choices to a list or a lazy choice iterator.
    assert isinstance(choices, list | BaseChoiceIterator)
    field.choices = [("", prompt), *list(choices)[1:]]


class RegistrationFieldsForm(forms.ModelForm):
    """The participant's details: shared by the public form and the project leader's form."""

    class Meta:
        model = Registration
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "organisation",
            "team",
            "function",
            "learning_question",
            "professional_register",
            "registration_number",
        ]
        help_texts = {
            "phone": _("Niet verplicht."),
            "team": _("Bijvoorbeeld Hoogvliet of Charlois."),
            "learning_question": _("Niet verplicht. Wat wilt u in deze leerkring leren?"),
            "professional_register": _(
                "Niet verplicht. Staat u in een beroepsregister, dan komt uw nummer op uw deelnamebewijs "
                "en op de presentielijst voor de accreditatie."
            ),
            "registration_number": _("Bijvoorbeeld 461012345678 (Registerplein) of 110012345 (SKJ)."),
        }
        error_messages = {"email": {"invalid": _("Vul een geldig e-mailadres in.")}}
        widgets = {
            "learning_question": forms.Textarea(attrs={"rows": 4}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "registration_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_text_fields(self)
        prompt_instead_of_blank(self.fields["organisation"], _("Kies uw organisatie"))
        prompt_instead_of_blank(self.fields["function"], _("Kies uw functie"))
        prompt_instead_of_blank(self.fields["professional_register"], _("Geen (niet geregistreerd)"))
        self.fields["phone"].validators.append(phone_validator)
        for name in ("first_name", "last_name", "email", "phone", "team", "registration_number"):
            if name in self.fields:
                self.fields[name].validators.append(refuse_control_characters)
        self.fields["learning_question"].validators.append(
            lambda value: refuse_control_characters(value, allowed=TEXTAREA_ALLOWED)
        )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # ModelForm.clean returns cleaned_data
        register, number = cleaned.get("professional_register"), cleaned.get("registration_number")
        if register is None or number is None:  # already refused by the field itself
            return cleaned
        problems = registration_number_problems(register, number)
        for field, message in problems:
            self.add_error(field, message)
        if not problems and number:
            cleaned["registration_number"] = registration_number_normalised(number)
        return cleaned

    def registration_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MyDetailsForm(RegistrationFieldsForm):
    """What a participant changes themself on Mijn aanmelding: everything but the address, which
    is who the personal link belongs to (a new address is a new sign-up)."""

    class Meta(RegistrationFieldsForm.Meta):
        fields = [name for name in RegistrationFieldsForm.Meta.fields if name != "email"]


class LostLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        error_messages={"invalid": _("Vul een geldig e-mailadres in."), "required": _("Vul uw e-mailadres in.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class SignupForm(RegistrationFieldsForm):
    privacy = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring"),
        error_messages={"required": _("U kunt zich alleen aanmelden als u akkoord gaat met de privacyverklaring.")},
    )
    # Hidden from people and screen readers; bots fill in every field.
    website = forms.CharField(label=_("Website"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = started_token()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # ModelForm.clean returns cleaned_data
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("Uw aanmelding kon niet worden verwerkt. Probeer het over een paar minuten opnieuw."),
                code="honeypot",
            )
        elapsed = seconds_since(cleaned.get("started", ""))
        if elapsed is None:
            assert isinstance(self.data, QueryDict | dict)  # request.POST, or a dict in tests
            data = self.data.copy()
            data["started"] = started_token()
            self.data = data
        # Only a form that is otherwise right can be "too fast": a person first fixes the fields.
        if (elapsed is None or elapsed < settings.SIGNUP_MIN_SECONDS) and not self.errors:
            raise forms.ValidationError(
                _("Dat ging wel erg snel. Controleer uw gegevens en klik nogmaals op „Aanmelden”."),
                code="too_fast",
            )
        return cleaned


def _month_choices(today: datetime.date, count: int = 12) -> list[tuple[str, str]]:
    choices = []
    year, month = today.year, today.month
    for _step in range(count):
        first = datetime.date(year, month, 1)
        choices.append((first.strftime("%Y-%m"), date_format(first, "F Y")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


class CatalogueFilter(django_filters.FilterSet):
    bouwsteen = django_filters.ModelChoiceFilter(
        label=_("Bouwsteen"),
        queryset=BuildingBlock.objects.all(),
        method="filter_building_block",
        empty_label=_("Alle bouwstenen"),
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), field_name="kind", choices=Circle.Kind.choices, empty_label=_("Alle soorten")
    )
    periode = django_filters.ChoiceFilter(
        label=_("Periode"), choices=[], method="filter_month", empty_label=_("Alle maanden")
    )

    class Meta:
        model = Circle
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["periode"].extra["choices"] = _month_choices(timezone.localdate())

    def filter_building_block(self, queryset: QuerySet[Circle], name: str, value: BuildingBlock) -> QuerySet[Circle]:
        return circles_working_on(queryset, value)

    def filter_month(self, queryset: QuerySet[Circle], name: str, value: str) -> QuerySet[Circle]:
        """Circles that run during (part of) the month."""
        year, month = (int(part) for part in value.split("-"))
        first = datetime.date(year, month, 1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return queryset.filter(start_date__lte=last, end_date__gte=first)

"""The kennisbank's search box and facets, read from the query string."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from circles.models import Circle
from sessions.kennisbank.selectors import Filters


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken in de verslagen"), max_length=200, required=False)
    bouwsteen = forms.IntegerField(required=False, min_value=1, max_value=8)
    soort = forms.ChoiceField(required=False, choices=[("", ""), *Circle.Kind.choices])
    jaar = forms.IntegerField(required=False, min_value=1990, max_value=2100)
    subgroep = forms.CharField(required=False, max_length=100)
    leerkring = forms.UUIDField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].error_messages["max_length"] = _("Zoek met hoogstens 200 tekens.")

    def filters(self) -> Filters:
        """The valid part of what was asked; a facet that does not parse is left out (the search
        box keeps what was typed, cut to its limit, so nothing typed is lost)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        query = data.get("q") or (self.data.get("q") or "")[:200]
        return Filters(
            query=" ".join(str(query).split()),
            block=data.get("bouwsteen"),
            kind=data.get("soort") or "",
            year=data.get("jaar"),
            subgroup=(data.get("subgroep") or "").strip(),
            circle=data.get("leerkring"),
        )

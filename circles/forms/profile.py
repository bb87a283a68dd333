"""Mijn gegevens: what a facilitator says about themself (the organisation printed beside their name)."""

from __future__ import annotations

from typing import Any

from django import forms

from circles.models import FacilitatorProfile
from leerkring.core.textlimits import bound_text_fields


class FacilitatorProfileForm(forms.ModelForm):
    class Meta:
        model = FacilitatorProfile
        fields = ["organisation", "name_public"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_text_fields(self)

    def clean_organisation(self) -> str:
        return " ".join(self.cleaned_data["organisation"].split())

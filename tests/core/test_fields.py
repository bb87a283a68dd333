"""`as_field` gives the markup crispy-forms' `as_crispy_field` gives, field by field (attribute order
and whitespace aside), for every kind of widget our forms use: empty, filled and with errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.contrib.auth.models import User
from django.test.html import parse_html

from circles.forms.planning import CircleForm
from circles.forms.sessions import SessionForm
from circles.forms.signup import SignupForm
from circles.models import Circle
from leerkring.core.templatetags.fields import as_field
from sessions.evaluation.forms import QuestionnaireForm
from tests.factories import open_circle

pytestmark = pytest.mark.django_db


class Kinds(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op uw pas.")
    note = forms.CharField(label="Notitie", widget=forms.Textarea, required=False)
    day = forms.DateField(label="Datum", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="Soort", choices=[("a", "A"), ("b", "B")])
    many = forms.MultipleChoiceField(label="Meer", choices=[("a", "A"), ("b", "B")], widget=forms.SelectMultiple)
    boxes = forms.MultipleChoiceField(
        label="Vakjes", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, help_text="Kies er twee."
    )
    radio = forms.ChoiceField(label="Keuze", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="Akkoord", help_text="Lees eerst de voorwaarden.")
    optional = forms.BooleanField(label="Nieuwsbrief", required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


def forms_to_compare(circle: Circle) -> Iterator[tuple[str, forms.BaseForm]]:
    yield "empty", Kinds()
    yield "filled", Kinds(initial={"name": "Anna", "kind": "b", "boxes": ["a"], "radio": "b", "agree": True})
    invalid = Kinds(data={"name": "", "day": "gisteren", "boxes": ["x"], "radio": "z"})
    invalid.is_valid()
    yield "errors", invalid
    yield "session", SessionForm(circle=circle)
    bound = SessionForm(circle=circle, data={"date": "", "start_time": "25:00"})
    bound.is_valid()
    yield "session errors", bound
    yield "circle", CircleForm(instance=circle)
    yield "signup", SignupForm()
    signup = SignupForm(data={"email": "geen adres", "privacy": ""})
    signup.is_valid()
    yield "signup errors", signup
    yield "questionnaire", QuestionnaireForm()


def test_every_field_is_rendered_as_crispy_renders_it(projectleider: User, begeleider: User) -> None:
    circle = open_circle(projectleider, facilitators=(begeleider,))
    compared = 0
    for name, form in forms_to_compare(circle):
        for field in form:
            ours = as_field(field)  # first: crispy adds its classes to the widget's own attributes
            theirs = as_crispy_field(field)
            assert parse_html(ours) == parse_html(theirs), f"{name}, {field.name}:\n{ours}\n---\n{theirs}"
            compared += 1
    assert compared > 40

"""The form renderer's Python widgets give Django's template markup, byte for byte."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from circles.forms.signup import SignupForm
from leerkring.core import widgets
from leerkring.core.widgets import Renderer

TEMPLATES = DjangoTemplates()
PYTHON = Renderer()

CHOICES = [("", "---"), ("a", "Één & twee"), ("b", mark_safe("<b>vet</b>")), (3, 1234)]
GROUPED = [("Wijkteams", [("n", "Noord"), ("z", "Zuid <west>")]), ("x", "Los"), (None, [("y", "Zonder groep")])]

CASES = [
    (forms.TextInput(), 'Jan "de" <Vries>'),
    (forms.TextInput(attrs={"class": "form-control", "maxlength": 20, "required": True, "disabled": False}), ""),
    (forms.TextInput(attrs={"placeholder": mark_safe("a&amp;b"), "data-x": 0}), None),
    (forms.EmailInput(attrs={"autocomplete": "email"}), "iemand@example.org"),
    (forms.NumberInput(attrs={"min": 0, "step": "0.5"}), 1234.5),
    (forms.PasswordInput(render_value=True), "geheim&"),
    (forms.URLInput(), "https://example.org/?a=1&b=2"),
    (forms.DateInput(attrs={"type": "date"}), datetime.date(2026, 12, 7)),
    (forms.TimeInput(format="%H:%M"), datetime.time(9, 30)),
    (forms.DateTimeInput(), datetime.datetime(2026, 12, 7, 9, 30)),
    (forms.HiddenInput(), 'verborgen "waarde"'),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(attrs={"class": "form-check-input"}), False),
    (forms.Textarea(), "regel 1\n<regel 2> & meer"),
    (forms.Textarea(attrs={"rows": 3, "cols": None}), ""),
    (forms.Textarea(), None),
    (forms.Select(choices=CHOICES), "b"),
    (forms.Select(choices=CHOICES), 3),
    (forms.Select(choices=GROUPED, attrs={"aria-invalid": "true"}), "z"),
    (forms.SelectMultiple(choices=CHOICES), ["a", 3]),
    (forms.NullBooleanSelect(), None),
]


@pytest.mark.parametrize(("widget", "value"), CASES, ids=lambda case: type(case).__name__)
def test_widget_markup_is_the_templates_markup(widget, value):
    attrs = {"id": "id_veld", "aria-describedby": "id_veld_helptext"}
    expected = widget.render("veld", value, attrs=attrs, renderer=TEMPLATES)
    assert widget.render("veld", value, attrs=attrs, renderer=PYTHON) == expected


def test_radio_and_checkbox_groups_still_render_through_the_templates():
    """Templates without a Python version render as before (multiple_input.html and its options)."""
    for widget in (forms.RadioSelect(choices=CHOICES), forms.CheckboxSelectMultiple(choices=CHOICES)):
        assert widget.render("veld", "a", renderer=PYTHON) == widget.render("veld", "a", renderer=TEMPLATES)
    assert "django/forms/widgets/radio.html" not in widgets.PYTHON


def test_an_option_template_of_its_own_renders_the_select_through_the_templates():
    class Own(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Own(choices=CHOICES)
    assert widget.render("veld", "a", renderer=PYTHON) == widget.render("veld", "a", renderer=TEMPLATES)


def test_the_sign_up_form_with_errors_renders_as_with_the_templates():
    """A real form, bound with bad input: the aria attributes, classes and values come out the same."""
    data = {"first_name": "<Jan>", "email": "geen-adres", "organisation": "wijkteam", "learning_question": "a & b"}
    form = SignupForm(data)
    assert not form.is_valid()
    for name in form.fields:
        field = form[name]
        python = field.field.widget.render(field.html_name, field.value(), field.build_widget_attrs({}), PYTHON)
        template = field.field.widget.render(field.html_name, field.value(), field.build_widget_attrs({}), TEMPLATES)
        assert python == template, name


def test_the_project_renders_its_forms_with_this_renderer(settings):
    assert settings.FORM_RENDERER == "leerkring.core.widgets.Renderer"
    html = str(SignupForm()["first_name"])
    assert html.startswith('<input type="text" name="first_name"')

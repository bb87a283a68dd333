"""`{{ form.name|as_field }}`: one form field as Bootstrap 5 markup, the markup crispy-forms'
`as_crispy_field` gives (the same ids, classes and order), built in Python.

crispy's field template costs a few milliseconds per field (nested includes and filters per
widget type): the half of the public circle page's time and a third of the circle page's. The
widget itself is still rendered by Django (with its aria-describedby and aria-invalid); only the
wrapper is built here. File inputs and anything unusual go to crispy as before.
"""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.forms.widgets import ChoiceWidget
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from leerkring.core.widgets import escaped, formatted

register = template.Library()

_CHOICES = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@register.filter
def as_field(field: BoundField) -> SafeString:
    widget = field.field.widget
    if field.is_hidden:
        return SafeString(str(field))
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput) or getattr(widget, "input_type", "") == "file":
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(field)
    if isinstance(widget, forms.CheckboxInput):
        return _checkbox(field)
    if isinstance(widget, _CHOICES):
        return _wrapper(field, _legend_and_choices(field))
    css = "form-select" if isinstance(widget, forms.Select | forms.SelectMultiple) else "form-control"
    body = _widget(field, css) + _errors(field) + _help(field)
    return _wrapper(field, _label(field) + body)


def _wrapper(field: BoundField, inner: SafeString, css: str = "mb-3") -> SafeString:
    classes = " ".join(filter(None, [css, field.css_classes()]))
    return format_html('<div id="div_{}" class="{}">{}</div>', field.auto_id, classes, inner)


def _required(field: BoundField) -> tuple[str, SafeString]:
    if field.field.required:
        return " requiredField", mark_safe('<span class="asteriskField">*</span>')
    return "", SafeString("")


def _label(field: BoundField) -> SafeString:
    if not field.label:
        return SafeString("")
    required_class, asterisk = _required(field)
    return format_html(
        '<label for="{}" class="form-label{}">{}{}</label>', field.id_for_label, required_class, field.label, asterisk
    )


def _widget(field: BoundField, css: str) -> SafeString:
    """The widget with crispy's classes: its own, its type's name (as "textinput"), then Bootstrap's."""
    widget = field.field.widget
    classes = widget.attrs.get("class", "").split()
    kind = widget.__class__.__name__.lower()
    if kind not in " ".join(classes):
        classes.append(kind)
    for name in (*css.split(), *(["is-invalid"] if field.errors else [])):
        if name not in classes:
            classes.append(name)
    return SafeString(field.as_widget(attrs={"class": " ".join(classes)}))


def _errors(field: BoundField) -> SafeString:
    if not field.errors:
        return SafeString("")
    items = format_html_join(
        "", '<p id="error_{}_{}"><strong>{}</strong></p>',
        ((number, field.auto_id, error) for number, error in enumerate(field.errors, start=1)),
    )  # fmt: skip
    return format_html('<div id="{}_error" class="invalid-feedback">{}</div>', field.auto_id, items)


def _help(field: BoundField) -> SafeString:
    if not field.help_text:
        return SafeString("")
    # Help texts are ours (gettext), marked safe as crispy does: some hold a link.
    return format_html('<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, mark_safe(field.help_text))


def _checkbox(field: BoundField) -> SafeString:
    required_class, asterisk = _required(field)
    label = format_html(
        '<label for="{}" class="form-check-label{}">{}{}</label>',
        field.id_for_label,
        required_class,
        field.label,
        asterisk,
    )
    inner = _widget(field, "form-check-input") + label + _errors(field) + _help(field)
    return format_html('<div class="mb-3">{}</div>', _wrapper(field, inner, css="form-check"))


def _legend_and_choices(field: BoundField) -> SafeString:
    """A fieldset with its legend and a form-check per option, as crispy's radio_checkbox_select.

    The options come straight from the widget's optgroups (what field.subwidgets wraps, one object
    per option) and are written as strings: a list of forty facilitators costs no template or
    format_html per option.
    """
    required_class, asterisk = _required(field)
    invalid = " is-invalid" if field.errors else ""
    widget = field.field.widget
    assert isinstance(widget, ChoiceWidget)
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    groups = widget.optgroups(field.html_name, widget.format_value(field.value()), attrs)
    options = [option for _name, group, _index in groups for option in group]
    errors = _errors(field)
    parts = []
    for number, option in enumerate(options, start=1):
        own = option["attrs"]
        # Not widgets._attrs: crispy writes the valued attributes first and the bare ones after
        # (disabled, checked), and leaves out None; the tests compare with crispy's markup.
        extra = "".join(
            f' {escaped(name)}="{formatted(value)}"' for name, value in own.items() if value not in (False, None, True)
        ) + "".join(f" {escaped(name)}" for name, value in own.items() if value is True)
        last = errors if number == len(options) else ""  # the errors in the last option, as crispy
        parts.append(
            f'<div class="form-check"><input type="{escaped(option["type"])}" class="form-check-input{invalid}"'
            f' name="{escaped(option["name"])}" value="{formatted(option["value"])}"{extra}>'
            f'<label for="{escaped(own.get("id", ""))}" class="form-check-label">{escaped(option["label"])}</label>'
            f"{last}</div>"
        )
    legend = format_html('<legend class="form-label{} fs-6">{}{}</legend>', required_class, field.label, asterisk)
    choices = mark_safe(f"<div>{''.join(parts)}</div>")  # every value in it is escaped above
    describedby = field.aria_describedby
    fieldset_attrs = format_html(' aria-describedby="{}"', describedby) if describedby else ""
    return format_html("<fieldset{}>{}{}{}</fieldset>", fieldset_attrs, legend, choices, _help(field))

"""The form renderer (FORM_RENDERER): Django's, with its plainest widget templates written in Python.

A widget renders through three nested templates (text.html → input.html → attrs.html), each a
template lookup, a context push and an include: on a form of ten fields that is a fifth of a page.
The functions below give the same markup, byte for byte (tests/core/test_widgets.py compares them
with Django's templates; like them, a widget's output is stripped, an included option's is not),
for inputs, textareas and selects. Every other template, a project's own
widget template included, still goes through Django's templates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape as html_escape
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

Widget = Mapping[str, Any]


def escaped(value: object) -> str:
    """`{{ value }}`: localised when not a string, escaped unless safe.

    As conditional_escape, without its lazy-string wrapper on every call: the text is a str here."""
    text = value if isinstance(value, str) else str(localize(value))
    return text if hasattr(text, "__html__") else html_escape(text)


def formatted(value: object) -> str:
    """`{{ value|stringformat:'s' }}`: the string of the value, escaped unless the value is safe."""
    return str(value) if hasattr(value, "__html__") else html_escape(str(value))


def _attrs(attrs: Mapping[str, object]) -> str:
    """attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {escaped(name)}" if value is True else f' {escaped(name)}="{formatted(value)}"')
    return "".join(parts)


def _input(widget: Widget) -> str:
    value = "" if widget["value"] is None else f' value="{formatted(widget["value"])}"'
    return f'<input type="{escaped(widget["type"])}" name="{escaped(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget: Widget) -> str:
    value = escaped(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escaped(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _option(option: Widget) -> str:
    return f'<option value="{formatted(option["value"])}"{_attrs(option["attrs"])}>{escaped(option["label"])}</option>'


OPTION = "django/forms/widgets/select_option.html"


def _select(widget: Widget) -> str | None:
    parts = [f'<select name="{escaped(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escaped(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None  # an option template of its own: the whole select through the templates
            parts.append(f"\n  {_option(option)}\n")  # the included file's own last newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_INPUTS = ("text", "email", "number", "password", "url", "tel", "search", "date", "datetime", "time", "color")
PYTHON: dict[str, Callable[[Widget], str | None]] = {
    **{f"django/forms/widgets/{name}.html": _input for name in (*_INPUTS, "hidden", "checkbox", "input")},
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
    OPTION: _option,
}


class Renderer(DjangoTemplates):
    """Django's default renderer; the templates in PYTHON are rendered by their functions."""

    def render(self, template_name: str, context: dict[str, Any], request: object = None) -> SafeString | str:
        function = PYTHON.get(template_name)
        if function is not None and "widget" in context:
            html = function(context["widget"])
            if html is not None:
                return mark_safe(html)  # every value in it is escaped above
        return super().render(template_name, context, request)  # type: ignore[arg-type]

"""What a test does with a page: publish through the form, read the flash messages, read a form as a browser would."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import TYPE_CHECKING

from django.test import Client

from circles.models import Circle

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def publish(client: Client, circle: Circle) -> Response:
    return client.post(f"/leerkringen/{circle.code}/status/", {"to": "gepubliceerd"}, follow=True)


def flash(response: Response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


class FormValues(HTMLParser):
    """The successful controls of the form with the given action (inputs, checked boxes, textareas, selects).

    Rows inside <template> (formsets.js's empty row) are left out, as a browser does.
    """

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.in_form = False
        self.in_template = 0
        self.values: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.in_form = a.get("action") == self.action
        if not self.in_form:
            return
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        if tag == "input" and a.get("type") not in {"submit", "button"} and a.get("name"):
            if a.get("type") in {"checkbox", "radio"}:
                if "checked" in a:
                    self.values.append((a["name"], a.get("value", "on")))
            else:
                self.values.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "select":
            self._select, self._select_value, self._first_option = a["name"], None, None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self._select_value = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        elif tag == "template" and self.in_template:
            self.in_template -= 1
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.values.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.values.append((self._select, self._select_value or self._first_option or ""))
            self._select = None


def form_data(html: str, action: str) -> dict[str, str]:
    parser = FormValues(action)
    parser.feed(html)
    return dict(parser.values)


def form_lists(html: str) -> dict[str, list[str]]:
    """The values of the form that posts to its own page (no action attribute, as the admin's),
    every value of a name kept (multiple selects, checkbox groups)."""
    parser = FormValues("")
    parser.action = None  # type: ignore[assignment]  # matches a <form> without an action
    parser.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in parser.values:
        data.setdefault(name, []).append(value)
    return data

"""The one e-mail helper: every e-mail is three templates, rendered in the recipient's language.

`templates/emails/<name>-subject.txt`, `<name>-body-text.txt` and `<name>-body-html.html`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


class Attachment(NamedTuple):
    filename: str
    content: bytes
    mimetype: str


def render(name: str, context: dict[str, Any], *, language: str) -> tuple[str, str, str]:
    """Subject (one line), text body and HTML body."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{name}-subject.txt", context)
        text = render_to_string(f"emails/{name}-body-text.txt", context)
        html = render_to_string(f"emails/{name}-body-html.html", context)
    return " ".join(subject.split()), text.strip() + "\n", html


def send(
    *,
    name: str,
    to: str,
    context: dict[str, Any],
    language: str = settings.LANGUAGE_CODE,
    attachments: Iterable[Attachment] = (),
    reply_to: str = "",
) -> None:
    """`reply_to`: whom an answer reaches (the project leader for participant mail), not the no-reply sender."""
    subject, text, html = render(name, context, language=language)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], reply_to=[reply_to] if reply_to else None)
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    message.send()

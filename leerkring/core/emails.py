"""The one e-mail helper: every e-mail is three templates, rendered in the recipient's language.

`templates/emails/<name>-subject.txt`, `<name>-body-text.txt` and `<name>-body-html.html`.
Nothing sends a message directly: a feature queues it in the outbox (leerkring/core/outbox.py)
inside its transaction, and the outbox builds it here when it delivers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from email.utils import parseaddr
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from leerkring.core.headers import single_line

# A subject longer than this is cut: mail programs show less, and a stored name may be long.
SUBJECT_LIMIT = 200


class Attachment(NamedTuple):
    filename: str
    content: bytes
    mimetype: str


def render(name: str, context: dict[str, Any], *, language: str) -> tuple[str, str, str]:
    """Subject (one line, whatever the context holds), text body and HTML body."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{name}-subject.txt", context)
        text = render_to_string(f"emails/{name}-body-text.txt", context)
        html = render_to_string(f"emails/{name}-body-html.html", context)
    return single_line(subject, limit=SUBJECT_LIMIT), text.strip() + "\n", html


def message_id(code: str) -> str:
    """A stable Message-ID per outbox row: a second delivery after a crash is recognisably the same mail."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "leerkring.invalid"
    return f"<{code}@{domain}>"


def build(
    *,
    name: str,
    to: str,
    context: dict[str, Any],
    language: str = settings.LANGUAGE_CODE,
    attachments: Iterable[Attachment] = (),
    reply_to: str = "",
    code: str = "",
) -> EmailMultiAlternatives:
    """`reply_to`: whom an answer reaches (the project leader for participant mail), not the no-reply sender."""
    subject, text, html = render(name, context, language=language)
    headers = {"Message-ID": message_id(code)} if code else None
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[to], reply_to=[reply_to] if reply_to else None, headers=headers
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(single_line(attachment.filename), attachment.content, attachment.mimetype)
    return message

"""Glue models every app may use: the outbox of e-mails (see leerkring/core/outbox.py)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One e-mail promised to someone: written in the transaction that promises it, then delivered.

    The row holds the intent (which mail, to whom, about which row, the facts of the promise in
    `data`); the message itself is rendered when it is delivered. See leerkring/core/outbox.py.
    """

    class Status(models.TextChoices):
        QUEUED = "wachtrij", _("In de wachtrij")
        SENDING = "bezig", _("Wordt verzonden")
        SENT = "verzonden", _("Verzonden")
        FAILED = "mislukt", _("Niet afgeleverd")
        DROPPED = "vervallen", _("Vervallen")

    class Failure(models.TextChoices):
        """Why a mail was not delivered, as the project leader reads it."""

        REFUSED = "geweigerd", _("De mailserver weigerde het bericht.")
        GAVE_UP = (
            "opgegeven",
            _("De mailserver bleef onbereikbaar of weigerde tijdelijk; na herhaalde pogingen opgegeven."),
        )
        BROKEN = "onvolledig", _("Het bericht kon niet worden opgesteld.")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("Soort"), max_length=100)
    to_email = models.EmailField(_("Aan"), max_length=254)
    reply_to_email = models.EmailField(_("Antwoord naar"), max_length=254, blank=True)
    language = models.CharField(max_length=10)
    # What the mail is about, e.g. ("circles.registration", 12): its builder loads it at delivery.
    about_label = models.CharField(max_length=100)
    about_id = models.BigIntegerField()
    # The facts of the promise that may have changed by delivery (a waiting-list place, a session's old date).
    data = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(_("Reden"), max_length=20, choices=Failure.choices, blank=True)
    # The mail server's own words (or the error), shown next to the reason.
    error = models.TextField(_("Melding"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["about_label", "about_id"], name="outbox_about"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.to_email} ({self.status})"

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

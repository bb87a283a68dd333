"""Glue models every app may use: the outbox of e-mails (see leerkring/core/outbox.py) and the
log of who looked at personal data (leerkring/core/dataaccess.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
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


class DataAccess(models.Model):
    """One look at or export of personal data: who, when, what and why ("Logboek Dataverwerkingen").

    Written by the view that shows or hands out the data (leerkring/core/dataaccess.py); never
    changed or deleted afterwards. A person is named by a keyed hash of their e-mail address, so
    the log holds no address and survives an erase.
    """

    class Kind(models.TextChoices):
        SIGNUPS_VIEWED = "aanmeldingen_bekeken", _("Aanmeldingen bekeken")
        SIGNUPS_CSV = "aanmeldingen_csv", _("Aanmeldingen gedownload (CSV)")
        PRESENCE_CSV = "presentielijst_csv", _("Presentielijst gedownload (CSV)")
        PDF_WITH_NAMES = "pdf_met_namen", _("PDF met namen gedownload")
        CERTIFICATES_VIEWED = "deelnamebewijzen_bekeken", _("Deelnamebewijzen bekeken")
        PERSON_VIEWED = "persoon_bekeken", _("Gegevens van een persoon bekeken")
        PERSON_EXPORT = "persoon_export", _("Gegevens van een persoon geëxporteerd")
        PERSON_ERASE = "persoon_gewist", _("Gegevens van een persoon gewist")

    class Purpose(models.TextChoices):
        CIRCLE = "uitvoering_leerkring", _("Uitvoering leerkring")
        ACCREDITATION = "accreditatie", _("Accreditatie van uren")
        AVG_REQUEST = "avg_verzoek", _("AVG-verzoek")

    at = models.DateTimeField(_("Wanneer"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Wie"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept when the account goes: the log still says who it was.
    username = models.CharField(_("Gebruikersnaam"), max_length=150)
    kind = models.CharField(_("Wat"), max_length=30, choices=Kind.choices)
    # What was looked at: "leerkring", "bijeenkomst", "rapport" or "persoon", its code (UUID, or the
    # e-mail hash for a person), and a name to read (a circle's name; never a person's).
    object_type = models.CharField(_("Soort object"), max_length=30)
    object_ref = models.CharField(_("Kenmerk"), max_length=64)
    object_repr = models.CharField(_("Object"), max_length=300, blank=True)
    purpose = models.CharField(_("Doel"), max_length=30, choices=Purpose.choices)
    request_id = models.CharField(_("Verzoek-id"), max_length=128, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("inzage persoonsgegevens")
        verbose_name_plural = _("logboek inzage persoonsgegevens")
        indexes = [
            models.Index(fields=["user", "at"], name="dataaccess_user_at"),
            models.Index(fields=["kind", "at"], name="dataaccess_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username}: {self.get_kind_display()} {self.object_repr}"

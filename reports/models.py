from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.files.storage import Storage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from circles.models import Circle, Registration, Session
from leerkring.core import storage as core_storage


def reports_storage() -> Storage:
    """The `reports` storage of settings.STORAGES; no public URL, only the download view."""
    return core_storage.reports_storage


class Report(models.Model):
    """One request for a PDF, and the status row the render task claims."""

    class Kind(models.TextChoices):
        SESSION_SUMMARY = "samenvatting", _("Samenvatting opbrengst")
        CIRCLE_REPORT = "leerkring", _("Rapport leerkring")
        CERTIFICATE = "deelnamebewijs", _("Deelnamebewijs")
        REFLECTION = "reflectieverklaring", _("Reflectieverklaring")
        # An openbaar verslag for the public kennisbank: made from its public content only.
        PUBLIC_SUMMARY = "openbaar", _("Openbaar verslag")

    class Status(models.TextChoices):
        QUEUED = "wachtrij", _("In de wachtrij")
        RENDERING = "bezig", _("Bezig")
        DONE = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    # Status sets, named once: on its way (a worker may still finish it), and worth handing out again.
    PENDING_STATUSES = (Status.QUEUED, Status.RENDERING)
    REUSABLE_STATUSES = (Status.DONE, Status.QUEUED, Status.RENDERING)

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("Soort"), max_length=20, choices=Kind.choices)
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="reports")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    certificate = models.ForeignKey(
        "Certificate", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    # A reflection declaration is about one participant.
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    include_personal_data = models.BooleanField(default=False)
    language = models.CharField(max_length=10, default="nl")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("Foutmelding"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The attempt that holds the "bezig" claim: a token of its own, the Celery task that made it,
    # and a heartbeat it renews while it renders. A delivery may take over a claim whose heartbeat
    # went stale or that its own task made (a redelivery after its worker died); only the holder of
    # the token may mark the report done, so a late loser never overwrites the winner.
    claim_token = models.CharField(max_length=64, blank=True)
    claim_task_id = models.CharField(max_length=255, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    file = models.FileField(storage=reports_storage, upload_to="%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # The reports list shows the newest first, a page at a time.
        indexes = [models.Index(fields=["-created_at", "-id"], name="report_newest")]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.circle}"

    @property
    def is_queued(self) -> bool:
        return self.status == self.Status.QUEUED

    @property
    def is_rendering(self) -> bool:
        return self.status == self.Status.RENDERING

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_session_summary(self) -> bool:
        return self.kind == self.Kind.SESSION_SUMMARY

    @property
    def badge_class(self) -> str:
        """Bootstrap badge colour of the status, for the templates."""
        badges: dict[str, str] = {self.Status.DONE: "text-bg-success", self.Status.FAILED: "text-bg-danger"}
        return badges.get(self.status, "text-bg-secondary")

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    @property
    def holds_names(self) -> bool:
        """Its PDF names people: made with personal data, or one participant's own certificate or declaration."""
        return self.include_personal_data or self.kind in (self.Kind.CERTIFICATE, self.Kind.REFLECTION)


# Crockford's base32 without I, L, O and U: nothing to misread when a code is typed over from paper.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
CODE_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_verification_code() -> str:
    """Ten random characters (50 bits): not guessable, short enough to type."""
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


def verification_code_normalised(typed: str) -> str:
    """'k7qm-2x9d pa' → 'K7QM2X9DPA', reading O as 0 and I or L as 1."""
    return "".join(char for char in typed.upper() if char.isalnum()).translate(CODE_MISREAD)


class Certificate(models.Model):
    """A proof of participation (deelnamebewijs): what was attended, fixed when it was issued.

    `facts` holds what the PDF and the verification page state (sessions with their dates and
    durations, the circle, facilitators), so a later change to the circle never changes a
    certificate already handed out; a correction is a revoke and a new one. The row is also the
    record: who issued it (None: issued on reaching the threshold) and who revoked it, and why.
    """

    class Status(models.TextChoices):
        ISSUED = "uitgegeven", _("Uitgegeven")
        REVOKED = "ingetrokken", _("Ingetrokken")

    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_verification_code, editable=False)
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="certificates")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.ISSUED)
    initials = models.CharField(_("Initialen"), max_length=20)
    minutes = models.PositiveIntegerField(_("Netto minuten aanwezig"))
    sessions_attended = models.PositiveSmallIntegerField()
    sessions_total = models.PositiveSmallIntegerField()
    period_start = models.DateField()
    period_end = models.DateField()
    facts = models.JSONField(default=dict)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.CharField(_("Reden van intrekken"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("deelnamebewijs")
        verbose_name_plural = _("deelnamebewijzen")
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(status="uitgegeven"),
                name="certificate_one_valid_per_registration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} – {self.registration}"

    @property
    def display_code(self) -> str:
        """As printed: two groups of five."""
        return f"{self.code[:5]}-{self.code[5:]}"

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def hours(self) -> str:
        """Net hours as Dutch readers write them: '7,5'."""
        return hours_text(self.minutes)


def hours_text(minutes: int) -> str:
    """150 → '2,5'; 165 → '2,75'; 180 → '3'."""
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".").replace(".", ",")


class PeriodReport(models.Model):
    """A PDF about a whole period (a year) rather than one circle, and the status row its task claims.

    Same life as a Report (wachtrij → bezig → klaar / mislukt, conditional updates); it has no
    circle, so who may open it is decided by its kind alone (reports.access).
    """

    class Kind(models.TextChoices):
        SIGNALS = "signalen", _("Signalen uit de praktijk")
        PROGRAMME = "programma", _("Programmafolder")

    Status = Report.Status
    PENDING_STATUSES = Report.PENDING_STATUSES

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("Soort"), max_length=20, choices=Kind.choices)
    period = models.PositiveSmallIntegerField(_("Periode"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(max_length=10, default="nl")
    status = models.CharField(_("Status"), max_length=20, choices=Report.Status.choices, default=Report.Status.QUEUED)
    error = models.TextField(_("Foutmelding"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(storage=reports_storage, upload_to="%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("perioderapport")
        verbose_name_plural = _("perioderapporten")
        indexes = [models.Index(fields=["kind", "period", "-created_at"], name="periodreport_kind_period")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period}"

    @property
    def is_queued(self) -> bool:
        return self.status == Report.Status.QUEUED

    @property
    def is_rendering(self) -> bool:
        return self.status == Report.Status.RENDERING

    @property
    def is_failed(self) -> bool:
        return self.status == Report.Status.FAILED

    @property
    def is_pending(self) -> bool:
        return self.status in Report.PENDING_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status == Report.Status.DONE and bool(self.file)

    @property
    def badge_class(self) -> str:
        badges: dict[str, str] = {Report.Status.DONE: "text-bg-success", Report.Status.FAILED: "text-bg-danger"}
        return badges.get(self.status, "text-bg-secondary")


class ProgrammeFolder(models.Model):
    """The introduction staff write for the programme folder of one period (a year)."""

    period = models.PositiveSmallIntegerField(_("Periode"), unique=True)
    introduction = models.TextField(_("Inleiding"), max_length=4000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period"]
        verbose_name = _("programmafolder")
        verbose_name_plural = _("programmafolders")

    def __str__(self) -> str:
        return f"{_('Programmafolder')} {self.period}"

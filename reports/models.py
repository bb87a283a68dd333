from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import Storage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from circles.models import Circle, Session
from leerkring.core import storage as core_storage


def reports_storage() -> Storage:
    """The `reports` storage of settings.STORAGES; no public URL, only the download view."""
    return core_storage.reports_storage


class Report(models.Model):
    """One request for a PDF, and the status row the render task claims."""

    class Kind(models.TextChoices):
        SESSION_SUMMARY = "samenvatting", _("Samenvatting opbrengst")
        CIRCLE_REPORT = "leerkring", _("Rapport leerkring")

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
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    include_personal_data = models.BooleanField(default=False)
    language = models.CharField(max_length=10, default="nl")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("Foutmelding"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    content_hash = models.CharField(max_length=64, blank=True)
    file = models.FileField(storage=reports_storage, upload_to="%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
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

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from reports.models import Certificate, Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["kind", "circle", "session", "status", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["circle", "session"]
    readonly_fields = ["code", "content_hash", "attempts", "error"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: issuing and revoking go through the certificates page, so they are recorded."""

    list_display = ["code", "registration", "status", "issued_at", "issued_by", "revoked_at", "revoked_by"]
    list_filter = ["status"]
    list_select_related = ["registration", "issued_by", "revoked_by"]
    search_fields = ["code"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Certificate | None = None) -> bool:
        return False

"""A verslag's PAR cycle (submitted, established, where and by whom) is a record: the admin shows it
and never sets it. Submitting and establishing go through sessions.services with their date rules."""

from django.contrib import admin
from django.http import HttpRequest

from sessions.models import Outcome


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["session", "status", "version", "updated_at"]
    list_select_related = ["session__circle"]
    readonly_fields = [
        "session",
        "status",
        "version",
        "submitted_by",
        "submitted_at",
        "established_at_session",
        "established_by",
        "established_at",
        "updated_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

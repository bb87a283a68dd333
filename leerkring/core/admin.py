from django.contrib import admin
from django.http import HttpRequest

from leerkring.core.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The outbox, to look into: rows are written and changed by the services and the worker only."""

    list_display = ["created_at", "name", "to_email", "status", "attempts", "failure", "sent_at"]
    list_filter = ["status", "name", "failure"]
    search_fields = ["to_email"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutgoingMail | None = None) -> bool:
        return False

from typing import Any

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from leerkring.core.models import DataAccess, OutgoingMail


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


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log to read: nobody adds, changes or deletes its rows, a superuser neither."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DataAccess)
class DataAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "kind", "object_type", "object_repr", "purpose", "request_id"]
    list_filter = ["kind", "purpose"]
    search_fields = ["username", "object_ref", "object_repr", "request_id"]
    date_hierarchy = "at"


# The history (django-auditlog): its own admin lets a cascade from another delete page remove
# rows; history rows are never deleted, so that door is shut too.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class HistoryAdmin(LogEntryAdmin):
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts with their roles (the groups projectleider, begeleider, staf): the access layer asks for
    roles only, so per-user permissions are left out. Roles as checkboxes, and the moments of login and
    joining shown, not edited: both keep the form free of unlabelled inputs (axe-core)."""

    filter_horizontal = ()
    formfield_overrides = {User.groups.field.__class__: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (DjangoUserAdmin.fieldsets[1][0], {"fields": ("first_name", "last_name", "email")}),  # type: ignore[index]
        (DjangoUserAdmin.fieldsets[2][0], {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),  # type: ignore[index]
        (DjangoUserAdmin.fieldsets[3][0], {"fields": ("last_login", "date_joined")}),  # type: ignore[index]
    )


admin.site.site_header = _("Leerkring beheer")
admin.site.site_title = _("Leerkring beheer")

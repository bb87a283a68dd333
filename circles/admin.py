from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from circles.models import Circle, CircleStatusChange, FacilitatorProfile, Registration, Session


class StatusChangeInline(admin.TabularInline):
    model = CircleStatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at"]


@admin.register(Circle)
class CircleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "start_date", "end_date", "project_leader"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    inlines = [StatusChangeInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """No delete here: it would take past attendance along and leave the name in the logs. A person's
    data is erased on the AVG page instead, which keeps the counts (leerkring/core/avg.py)."""

    list_display = ["full_name", "email", "circle", "status", "created_at"]
    list_filter = ["status", "organisation", "function"]
    search_fields = ["first_name", "last_name", "email"]
    list_select_related = ["circle"]
    readonly_fields = ["avg_link"]

    def has_delete_permission(self, request: HttpRequest, obj: Registration | None = None) -> bool:
        return False

    @admin.display(description=_("AVG"))
    def avg_link(self, obj: Registration) -> str:
        if obj.pk is None:
            return "—"
        url = reverse("avg:registration", args=[obj.code])
        return format_html('<a href="{}">{}</a>', url, _("Gegevens van deze persoon inzien, exporteren of wissen"))


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["circle", "number", "date", "start_time", "end_time", "location"]
    list_select_related = ["circle"]
    filter_horizontal = ["facilitators", "building_blocks"]


@admin.register(FacilitatorProfile)
class FacilitatorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "name_public"]
    search_fields = ["user__first_name", "user__last_name", "organisation"]
    list_select_related = ["user"]

from django.contrib import admin

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
    list_display = ["full_name", "email", "circle", "status", "created_at"]
    list_filter = ["status", "organisation", "function"]
    search_fields = ["first_name", "last_name", "email"]
    list_select_related = ["circle"]


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

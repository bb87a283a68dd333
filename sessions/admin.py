from django.contrib import admin

from sessions.models import Outcome, Session


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["circle", "number", "date", "start_time", "end_time", "location"]
    list_select_related = ["circle"]
    filter_horizontal = ["facilitators", "building_blocks"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["session", "status", "version", "updated_at"]
    list_select_related = ["session__circle"]

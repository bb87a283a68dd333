from django.contrib import admin

from sessions.models import Outcome


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["session", "status", "version", "updated_at"]
    list_select_related = ["session__circle"]

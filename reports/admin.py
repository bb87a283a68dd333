from django.contrib import admin

from reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["kind", "circle", "session", "status", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["circle", "session"]
    readonly_fields = ["code", "content_hash", "attempts", "error"]

from django.contrib import admin

from buildingblocks.models import BuildingBlock


@admin.register(BuildingBlock)
class BuildingBlockAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuildingBlocksConfig(AppConfig):
    name = "buildingblocks"
    verbose_name = _("Bouwstenen")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "circles"
    verbose_name = _("Leerkringen")

    def ready(self) -> None:
        from circles.panels import building_block_coverage_panel
        from leerkring.core import panels

        panels.register("building_blocks", building_block_coverage_panel)

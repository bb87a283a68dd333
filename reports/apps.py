from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporten")

    def ready(self) -> None:
        from leerkring.core import panels
        from reports.panels import circle_report_panel, session_report_panel

        panels.register("circle", circle_report_panel)
        panels.register("session", session_report_panel)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    # django.contrib.sessions already owns the label "sessions".
    name = "sessions"
    label = "circle_sessions"
    verbose_name = _("Bijeenkomsten")

    def ready(self) -> None:
        from leerkring.core import panels
        from sessions.panels import circle_outcomes_panel

        panels.register("circle", circle_outcomes_panel)

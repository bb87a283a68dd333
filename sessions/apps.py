from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    # django.contrib.sessions already owns the label "sessions".
    name = "sessions"
    label = "circle_sessions"
    verbose_name = _("Bijeenkomsten")

    def ready(self) -> None:
        from leerkring.core import outbox, panels, privacy
        from leerkring.core.audit import audit_register
        from sessions.evaluation import mails as evaluation_mails
        from sessions.evaluation.panels import circle_evaluation_panel
        from sessions.models import Action, Attendance, AttendanceCount, Outcome, OutcomeVersion
        from sessions.panels import circle_outcomes_panel
        from sessions.privacy import action_owners_anonymise, guests_anonymise, outcome_versions_delete

        for model in (Outcome, Action, Attendance, AttendanceCount):
            audit_register(model)
        panels.register("circle", circle_outcomes_panel)
        panels.register("circle", circle_evaluation_panel)
        for kind in evaluation_mails.KINDS:
            outbox.register(kind)
        privacy.register(privacy.Handler(Attendance, fields=("guest_name",), anonymise=guests_anonymise))
        privacy.register(privacy.Handler(Action, fields=("owner_name",), anonymise=action_owners_anonymise))
        privacy.register(
            privacy.Handler(
                OutcomeVersion,
                fields=("content",),
                anonymise=outcome_versions_delete,
                notes="Earlier versions of a verslag, with action owners' names; deleted, not anonymised.",
            )
        )

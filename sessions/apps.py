from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    # django.contrib.sessions already owns the label "sessions".
    name = "sessions"
    label = "circle_sessions"
    verbose_name = _("Bijeenkomsten")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from leerkring.core import figures, outbox, panels, privacy
        from leerkring.core.audit import audit_register
        from sessions import privacy as sessions_privacy
        from sessions.evaluation import mails as evaluation_mails
        from sessions.evaluation.models import EvaluationResponse
        from sessions.evaluation.panels import circle_evaluation_panel
        from sessions.kennisbank.models import OutcomeSearch
        from sessions.kennisbank.selectors import kennisbank_count, kennisbank_key
        from sessions.models import Action, Attendance, AttendanceCount, Outcome, OutcomeVersion
        from sessions.panels import building_block_matrix_panel, circle_outcomes_panel, circle_questions_panel
        from sessions.privacy import action_owners_anonymise, guests_anonymise, outcome_versions_delete
        from sessions.selectors import matrix_count, matrix_key

        for model in (Outcome, Attendance, AttendanceCount):
            audit_register(model)
        audit_register(Action, exclude=["owner_sort"])
        # The bouwstenen matrix and the kennisbank count verslagen (leerkring/core/figures.py).
        for counted in (Outcome, OutcomeSearch):
            post_save.connect(figures.changed, sender=counted, dispatch_uid=f"figures-save-{counted.__name__}")
            post_delete.connect(figures.changed, sender=counted, dispatch_uid=f"figures-delete-{counted.__name__}")
        figures.register("matrix", count=matrix_count, key=matrix_key)
        figures.register("kennisbank", count=kennisbank_count, key=kennisbank_key)
        panels.register("circle", circle_outcomes_panel)
        panels.register("circle", circle_questions_panel)
        panels.register("circle", circle_evaluation_panel)
        panels.register("building_blocks", building_block_matrix_panel)
        for kind in evaluation_mails.KINDS:
            outbox.register(kind)
        privacy.register(
            privacy.Handler(
                Attendance,
                fields=("guest_name",),
                anonymise=guests_anonymise,
                rows=sessions_privacy.attendance_rows,
                title=_("aanwezigheid"),
                erase=sessions_privacy.attendance_erase,
            )
        )
        privacy.register(
            privacy.Handler(
                Action,
                fields=("owner_name", "owner_sort"),
                anonymise=action_owners_anonymise,
                rows=sessions_privacy.action_rows,
                erase=sessions_privacy.action_erase,
            )
        )
        privacy.register(
            privacy.Handler(
                OutcomeVersion,
                fields=("content",),
                anonymise=outcome_versions_delete,
                rows=sessions_privacy.outcome_version_rows,
                title=_("eerdere versies van verslagen"),
                erase=sessions_privacy.outcome_versions_erase,
                notes="Earlier versions of a verslag, with action owners' names; deleted, not anonymised.",
            )
        )
        privacy.register(
            privacy.Handler(
                EvaluationResponse,
                fields=(),
                anonymise=lambda circles, placeholder: 0,
                rows=sessions_privacy.evaluation_rows,
                title=_("evaluaties"),
                notes="Answers carry no names and count in the results; kept with the wiped sign-up.",
            )
        )
        privacy.register_mentions(sessions_privacy.verslag_mentions)

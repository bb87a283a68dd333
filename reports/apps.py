from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rapporten")

    def ready(self) -> None:
        from celery.signals import worker_ready, worker_shutdown

        from leerkring.core import panels, privacy
        from reports import privacy as reports_privacy
        from reports import resumer
        from reports.models import Certificate, Report
        from reports.panels import (
            circle_certificates_panel,
            circle_report_panel,
            my_certificate_panel,
            programme_folder_panel,
            session_report_panel,
        )
        from reports.privacy import reports_with_names_delete

        worker_ready.connect(resumer.start, weak=False)
        worker_shutdown.connect(resumer.stop, weak=False)
        panels.register("circle", circle_report_panel)
        panels.register("circle", circle_certificates_panel)
        panels.register("my_registration", my_certificate_panel)
        panels.register("session", session_report_panel)
        panels.register("catalogue", programme_folder_panel)
        privacy.register(
            privacy.Handler(
                Report,
                fields=("file",),
                anonymise=reports_with_names_delete,
                rows=reports_privacy.report_rows,
                erase=reports_privacy.reports_erase,
                notes="Only PDFs made with personal data (include_personal_data) hold names.",
            )
        )
        privacy.register(
            privacy.Handler(
                Certificate,
                fields=("initials",),
                anonymise=lambda circles, placeholder: 0,
                rows=reports_privacy.certificate_rows,
                erase=reports_privacy.certificates_erase,
                notes="Initials and hours; past retention they stay, so the code can still be verified.",
            )
        )

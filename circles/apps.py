from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "circles"
    verbose_name = _("Leerkringen")

    def ready(self) -> None:
        from circles import mails
        from circles.models import Circle, Registration, Session
        from circles.panels import building_block_coverage_panel
        from circles.services.registrations import registrations_anonymise
        from leerkring.core import outbox, panels, privacy
        from leerkring.core.audit import audit_register

        audit_register(Circle, m2m=["building_blocks"])
        audit_register(Session, m2m=["facilitators", "building_blocks"])
        audit_register(Registration, exclude=["language"])
        panels.register("building_blocks", building_block_coverage_panel)
        for kind in mails.KINDS:
            outbox.register(kind)
        outbox.register_about(Registration, in_circles=lambda circles: Registration.objects.filter(circle__in=circles))
        privacy.register(
            privacy.Handler(
                Registration,
                fields=("first_name", "last_name", "email", "phone", "learning_question", "registration_number"),
                anonymise=registrations_anonymise,
                notes="Organisation, team and function stay: the attendance figures count them.",
            )
        )

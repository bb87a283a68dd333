from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "circles"
    verbose_name = _("Leerkringen")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from circles import mails
        from circles.models import Circle, Registration, Session, SessionReminder
        from circles.panels import building_block_coverage_panel
        from circles.privacy import registration_names, registration_rows, registrations_wipe, reminder_rows
        from circles.selectors import coverage_count
        from circles.services.registrations import registrations_anonymise
        from leerkring.core import figures, outbox, panels, privacy
        from leerkring.core.audit import audit_register

        for model in (Circle, Session, Registration):
            post_save.connect(figures.changed, sender=model, dispatch_uid=f"figures-save-{model.__name__}")
            post_delete.connect(figures.changed, sender=model, dispatch_uid=f"figures-delete-{model.__name__}")
        for through in (Circle.building_blocks.through, Session.building_blocks.through, Session.facilitators.through):
            m2m_changed.connect(figures.changed, sender=through, dispatch_uid=f"figures-m2m-{through.__name__}")
        figures.register("dekking", count=coverage_count, key=lambda user, _asked: figures.scope_of(user))
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
                rows=registration_rows,
                erase=registrations_wipe,
                notes="Organisation, team and function stay: the attendance figures count them.",
            )
        )
        privacy.register(
            privacy.Handler(
                SessionReminder,
                fields=(),
                anonymise=lambda circles, placeholder: 0,
                rows=reminder_rows,
                title=_("herinneringen"),
                notes="Which reminders went to a sign-up: no personal field of its own; kept with the sign-up.",
            )
        )
        privacy.register_names(registration_names)

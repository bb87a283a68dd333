from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Project glue every app may use: roles, the typed request, middleware, mail, registries.

    An installed app (label `core`) so that glue models, such as the mail outbox or a data-access
    log, have a home below every feature app.
    """

    name = "leerkring.core"
    label = "core"
    verbose_name = _("Leerkring")

    def ready(self) -> None:
        from django.contrib.auth.models import User

        from leerkring.core import outbox, privacy
        from leerkring.core.audit import audit_register
        from leerkring.core.models import OutgoingMail

        # Roles are group memberships: who gave whom which role, in the admin too.
        audit_register(User, m2m=["groups"], exclude=["password", "last_login", "date_joined"])
        privacy.register(
            privacy.Handler(
                OutgoingMail,
                fields=("to_email", "reply_to_email", "error"),
                anonymise=outbox.outbox_anonymise,
                rows=outbox.outbox_rows,
                erase=outbox.outbox_erase,
                notes="Mails about expired circles' rows lose their addresses; a server's answer may quote one.",
            )
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Project glue every app may use: roles, the typed request, middleware, mail, registries.

    An installed app (label `core`) so that glue models, such as a mail outbox or a data-access
    log, have a home below every feature app.
    """

    name = "leerkring.core"
    label = "core"
    verbose_name = _("Leerkring")

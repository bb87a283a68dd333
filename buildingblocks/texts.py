"""The eight official bouwstenen as the 2016 folder names them, marked for translation.

The database keeps the Dutch text (migration 0002). A bouwsteen whose stored name is still the
official one is shown in the reader's language; one renamed in the admin is shown as written.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# number: (name, description), the same text as migration 0002.
OFFICIAL: dict[int, tuple[str, str]] = {
    1: (
        gettext_noop("Vooruit met het oog voor het verleden van het sociaal werk"),
        gettext_noop("Wat de geschiedenis van het sociaal werk ons leert voor het werk van nu en morgen."),
    ),
    2: (
        gettext_noop("Relatie tussen aansturend beleid en uitvoering"),
        gettext_noop("Hoe beleid en uitvoering elkaar beïnvloeden, en hoe professionals signalen teruggeven."),
    ),
    3: (
        gettext_noop("De lerende en onderzoekende professional en organisatie"),
        gettext_noop("Leren en onderzoeken in het dagelijks werk, als professional en als organisatie."),
    ),
    4: (
        gettext_noop("Afstemming werkprocessen"),
        gettext_noop("Werkprocessen binnen en tussen teams op elkaar afstemmen."),
    ),
    5: (
        gettext_noop("Samenwerking in een interdisciplinair team"),
        gettext_noop("Samenwerken met collega's uit verschillende disciplines in één team."),
    ),
    6: (
        gettext_noop("Samenwerking met het (in)formele (wijk)netwerk"),
        gettext_noop("Samenwerken met formele partners en informele netwerken in de wijk."),
    ),
    7: (
        gettext_noop("Procesmatig werken"),
        gettext_noop("Doelgericht en in stappen werken, van vraag tot evaluatie."),
    ),
    8: (
        gettext_noop("Ontwikkelen kwaliteitsbewustzijn en vormen van verantwoording"),
        gettext_noop("Kwaliteit bewust maken en verantwoorden wat je doet."),
    ),
}

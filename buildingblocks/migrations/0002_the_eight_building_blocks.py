from django.db import migrations

# Verbatim from the Leerkringen 2016 folder (shared/docs/domain.md).
BUILDING_BLOCKS = [
    (1, "Vooruit met het oog voor het verleden van het sociaal werk",
     "Wat de geschiedenis van het sociaal werk ons leert voor het werk van nu en morgen."),
    (2, "Relatie tussen aansturend beleid en uitvoering",
     "Hoe beleid en uitvoering elkaar beïnvloeden, en hoe professionals signalen teruggeven."),
    (3, "De lerende en onderzoekende professional en organisatie",
     "Leren en onderzoeken in het dagelijks werk, als professional en als organisatie."),
    (4, "Afstemming werkprocessen",
     "Werkprocessen binnen en tussen teams op elkaar afstemmen."),
    (5, "Samenwerking in een interdisciplinair team",
     "Samenwerken met collega's uit verschillende disciplines in één team."),
    (6, "Samenwerking met het (in)formele (wijk)netwerk",
     "Samenwerken met formele partners en informele netwerken in de wijk."),
    (7, "Procesmatig werken",
     "Doelgericht en in stappen werken, van vraag tot evaluatie."),
    (8, "Ontwikkelen kwaliteitsbewustzijn en vormen van verantwoording",
     "Kwaliteit bewust maken en verantwoorden wat je doet."),
]


def load(apps, schema_editor):
    BuildingBlock = apps.get_model("buildingblocks", "BuildingBlock")
    for number, name, description in BUILDING_BLOCKS:
        BuildingBlock.objects.update_or_create(number=number, defaults={"name": name, "description": description})


def unload(apps, schema_editor):
    apps.get_model("buildingblocks", "BuildingBlock").objects.filter(number__in=range(1, 9)).delete()


class Migration(migrations.Migration):
    dependencies = [("buildingblocks", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

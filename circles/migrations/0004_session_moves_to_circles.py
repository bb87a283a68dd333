"""Session and SessionReminder move from circle_sessions to circles: in state only.

The tables stay where they are (db_table keeps the old names until 0005 renames them), so no
row is copied. The content types follow, so admin log entries and permissions keep pointing
at the same models. circle_sessions.0003 and reports.0004 then repoint their foreign keys
and drop the models from circle_sessions' state.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("session", "sessionreminder")


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if ContentType.objects.filter(app_label="circles", model=model).exists():
            continue
        ContentType.objects.filter(app_label="circle_sessions", model=model).update(app_label="circles")


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if ContentType.objects.filter(app_label="circle_sessions", model=model).exists():
            continue
        ContentType.objects.filter(app_label="circles", model=model).update(app_label="circle_sessions")


class Migration(migrations.Migration):
    dependencies = [
        ("buildingblocks", "0001_initial"),
        ("circles", "0003_signup_language_anonymised"),
        ("circle_sessions", "0002_session_reminder"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Session",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ("number", models.PositiveSmallIntegerField(default=0, verbose_name="Nummer")),
                        ("date", models.DateField(verbose_name="Datum")),
                        ("start_time", models.TimeField(verbose_name="Begintijd")),
                        ("end_time", models.TimeField(verbose_name="Eindtijd")),
                        ("location", models.CharField(blank=True, max_length=200, verbose_name="Locatie")),
                        ("theme", models.CharField(blank=True, max_length=200, verbose_name="Thema")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "building_blocks",
                            models.ManyToManyField(
                                blank=True,
                                related_name="sessions",
                                to="buildingblocks.buildingblock",
                                verbose_name="Bouwstenen",
                            ),
                        ),
                        (
                            "circle",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sessions",
                                to="circles.circle",
                            ),
                        ),
                        (
                            "facilitators",
                            models.ManyToManyField(
                                blank=True,
                                related_name="facilitated_sessions",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="Begeleiders",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "bijeenkomst",
                        "verbose_name_plural": "bijeenkomsten",
                        "ordering": ["date", "start_time", "pk"],
                        "db_table": "circle_sessions_session",
                    },
                ),
                migrations.CreateModel(
                    name="SessionReminder",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("sent_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "registration",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reminders",
                                to="circles.registration",
                            ),
                        ),
                        (
                            "session",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="reminders",
                                to="circles.session",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "circle_sessions_sessionreminder",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("session", "registration"), name="reminder_once_per_session"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]

"""Session and SessionReminder now live in circles (circles.0004): repoint the foreign keys and
drop both models from this app's state. Nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


def _to_session(**options):
    return models.ForeignKey(to="circles.session", **options)


class Migration(migrations.Migration):
    dependencies = [
        ("circle_sessions", "0002_session_reminder"),
        ("circles", "0004_session_moves_to_circles"),
        # Report.session must point at circles.session before the old model leaves the state.
        ("reports", "0004_report_session_in_circles"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="attendance",
                    name="session",
                    field=_to_session(on_delete=django.db.models.deletion.CASCADE, related_name="attendances"),
                ),
                migrations.AlterField(
                    model_name="attendancecount",
                    name="session",
                    field=_to_session(on_delete=django.db.models.deletion.CASCADE, related_name="attendance_counts"),
                ),
                migrations.AlterField(
                    model_name="outcome",
                    name="session",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="outcome", to="circles.session"
                    ),
                ),
                migrations.AlterField(
                    model_name="outcome",
                    name="established_at_session",
                    field=_to_session(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="established_outcomes",
                    ),
                ),
                migrations.AlterField(
                    model_name="action",
                    name="session",
                    field=_to_session(on_delete=django.db.models.deletion.CASCADE, related_name="actions"),
                ),
                migrations.AlterField(
                    model_name="action",
                    name="due_session",
                    field=_to_session(
                        blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="due_actions"
                    ),
                ),
                migrations.AlterField(
                    model_name="action",
                    name="done_at_session",
                    field=_to_session(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="completed_actions",
                    ),
                ),
                migrations.DeleteModel(name="SessionReminder"),
                migrations.DeleteModel(name="Session"),
            ],
            database_operations=[],
        ),
    ]

"""Report.session points at circles.session (moved there in circles.0004); state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_review_summary_personal_data"),
        ("circles", "0004_session_moves_to_circles"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="report",
                    name="session",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reports",
                        to="circles.session",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]

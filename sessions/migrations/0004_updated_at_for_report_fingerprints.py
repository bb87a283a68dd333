"""A change time on every row a report reads, so a report request can tell cheaply whether it changed."""

import django.utils.timezone
from django.db import migrations, models

MODELS = ["action", "answer", "attendance", "attendancecount", "section", "subgroup", "subquestion"]


class Migration(migrations.Migration):
    dependencies = [("circle_sessions", "0003_session_moves_to_circles")]

    operations = [
        migrations.AddField(
            model_name=model,
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        )
        for model in MODELS
    ]

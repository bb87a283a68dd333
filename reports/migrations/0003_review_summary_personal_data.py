"""Session summaries rendered so far printed action owners: mark them as holding personal data,
so facilitators no longer open PDFs whose flag said they held none."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def mark_summaries_personal(apps: Any, schema_editor: Any) -> None:
    Report = apps.get_model("reports", "Report")
    Report.objects.filter(kind="samenvatting", include_personal_data=False).update(include_personal_data=True)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_reports_status_changed_at")]

    operations = [migrations.RunPython(mark_summaries_personal, migrations.RunPython.noop)]

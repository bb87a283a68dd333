"""The moved tables take circles' default names (circles_session, circles_session_facilitators,
circles_session_building_blocks, circles_sessionreminder); rows stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("circles", "0004_session_moves_to_circles"),
        ("circle_sessions", "0003_session_moves_to_circles"),
        ("reports", "0004_report_session_in_circles"),
    ]

    operations = [
        migrations.AlterModelTable(name="session", table=None),
        migrations.AlterModelTable(name="sessionreminder", table=None),
    ]

from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """The history tables of career program choices and school overrides join the groups' view permissions."""

    dependencies = [
        ("core", "0001_staff_roles"),
        ("schools", "0005_history_of_existing_staff_choices"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

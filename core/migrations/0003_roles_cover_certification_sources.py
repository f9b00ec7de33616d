from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """Editors add, change and remove a certification's sources; stewards view them and their history."""

    dependencies = [
        ("core", "0002_roles_cover_staff_choice_history"),
        ("certifications", "0006_name_sources_of_shipped_certifications"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

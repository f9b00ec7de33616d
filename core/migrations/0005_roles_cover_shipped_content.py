from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """Editors and stewards view what sync_content last shipped (schools.ShippedContent); only sync_content writes it."""

    dependencies = [
        ("core", "0004_roles_cover_reference_data"),
        ("schools", "0008_shipped_content"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

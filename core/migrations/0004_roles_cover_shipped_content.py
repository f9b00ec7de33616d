from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """Editors and stewards view what sync_content last shipped (schools.ShippedContent); only sync_content writes it."""

    dependencies = [
        ("core", "0003_roles_cover_certification_sources"),
        ("schools", "0007_shipped_content"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

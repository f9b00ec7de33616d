from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """Both roles view O*NET's alternate titles (reference_data.OccupationAlternateTitle), like the other imported rows."""

    dependencies = [
        ("core", "0008_roles_cover_county_areas"),
        ("reference_data", "0005_occupation_pages"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

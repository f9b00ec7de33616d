from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """Both roles view the counties and their metro areas (reference_data.CountyArea, from the IPEDS directory)."""

    dependencies = [
        ("core", "0007_roles_cover_industry_wages"),
        ("reference_data", "0004_county_areas_from_ipeds_hd"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

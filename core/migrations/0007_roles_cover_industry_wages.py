from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """Both roles view the new imported OEWS industry estimates (reference_data.IndustryWage)."""

    dependencies = [
        ("core", "0006_roles_cover_school_outcomes"),
        ("reference_data", "0003_industry_wage"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

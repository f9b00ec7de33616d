from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """Both roles view the schools' new imported figures (charges, distance education, graduation, Scorecard)."""

    dependencies = [
        ("core", "0004_roles_cover_reference_data"),
        ("schools", "0008_institution_contact_closure_and_outcomes"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

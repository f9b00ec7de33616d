from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """Both roles view the schools' new imported figures (charges, distance education, graduation, Scorecard)."""

    dependencies = [
        ("core", "0005_roles_cover_shipped_content"),
        ("schools", "0009_institution_contact_closure_and_outcomes"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

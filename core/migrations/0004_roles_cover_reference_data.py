from django.db import migrations

from core.roles import sync_roles


class Migration(migrations.Migration):
    """The reference data moved to its own app and CareerCertification to careers; their content types moved with
    them (reference_data/0002), so the roles keep the same permission rows under the new app labels."""

    dependencies = [
        ("core", "0003_roles_cover_certification_sources"),
        ("reference_data", "0002_content_types_follow_moved_models"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]

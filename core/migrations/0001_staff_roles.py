from django.db import migrations

from core.roles import sync_roles


def remove_roles(apps, schema_editor):
    from core.roles import CONTENT_EDITORS, DATA_STEWARDS

    apps.get_model("auth", "Group").objects.filter(name__in=[CONTENT_EDITORS, DATA_STEWARDS]).delete()


class Migration(migrations.Migration):
    """The "Content editors" and "Data stewards" groups (see core/roles.py and the README)."""

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0006_editorial_history_and_publish_permission"),
        ("certifications", "0003_editorial_history"),
        ("imports", "0002_run_import_permission"),
        ("schools", "0002_institution_override"),
    ]

    operations = [migrations.RunPython(sync_roles, remove_roles)]

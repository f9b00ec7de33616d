"""A first history version of every career program choice and school override that existed before history was kept
(the shipped 51.0714 include for medical billers, and any override staff had saved), so the first edit can be
compared with, and undone to, what was there."""

from django.db import migrations
from django.utils import timezone

REASON = "Version installed with the site"


def record_existing_versions(apps, schema_editor):
    now = timezone.now()
    for name in ["CareerProgram", "InstitutionOverride"]:
        model = apps.get_model("schools", name)
        history = apps.get_model("schools", f"Historical{name}")
        existing = set(history.objects.values_list("id", flat=True).distinct())
        history.objects.bulk_create(
            [
                history(
                    **{field.attname: getattr(obj, field.attname) for field in model._meta.concrete_fields},
                    history_date=now,
                    history_type="+",
                    history_change_reason=REASON,
                )
                for obj in model.objects.exclude(pk__in=existing)
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("schools", "0004_staff_edit_history")]

    operations = [migrations.RunPython(record_existing_versions, migrations.RunPython.noop)]

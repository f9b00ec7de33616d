"""A first history version of every guide and its parts that existed before history was kept (the guides the
content migrations installed), so the first edit can be compared with, and undone to, what shipped."""

from django.db import migrations
from django.utils import timezone

REASON = "Version installed with the site"
CHILD_MODELS = ["CareerStep", "Specialization", "RelatedCareer", "Source", "CareerOccupation"]


def _fields(model):
    return [field for field in model._meta.concrete_fields]


def record_shipped_versions(apps, schema_editor):
    Career = apps.get_model("careers", "Career")
    now = timezone.now()
    # Date each guide's first version no later than its publication, so "the version published then" exists.
    dates = {}
    for name in ["Career", *CHILD_MODELS]:
        model = apps.get_model("careers", name)
        history = apps.get_model("careers", f"Historical{name}")
        existing = set(history.objects.values_list("id", flat=True).distinct())
        rows = []
        for obj in model.objects.exclude(pk__in=existing):
            career = obj if name == "Career" else None
            career_id = obj.pk if name == "Career" else obj.career_id
            if career_id not in dates:
                career = career or Career.objects.get(pk=career_id)
                dates[career_id] = min(d for d in (career.created_at, career.published_at, now) if d is not None)
            values = {field.attname: getattr(obj, field.attname) for field in _fields(model)}
            rows.append(
                history(
                    **values,
                    history_date=dates[career_id],
                    history_type="+",
                    history_change_reason=REASON,
                )
            )
        history.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("careers", "0006_editorial_history_and_publish_permission")]

    operations = [migrations.RunPython(record_shipped_versions, migrations.RunPython.noop)]

"""A first history version of every certifying body, certification and guide link that existed before history was
kept (what the content migrations installed), so the first edit can be compared with, and undone to, what shipped."""

from django.db import migrations
from django.utils import timezone

REASON = "Version installed with the site"


def record_shipped_versions(apps, schema_editor):
    Career = apps.get_model("careers", "Career")
    now = timezone.now()
    for name in ["CertifyingBody", "Certification", "CareerCertification"]:
        model = apps.get_model("certifications", name)
        history = apps.get_model("certifications", f"Historical{name}")
        existing = set(history.objects.values_list("id", flat=True).distinct())
        for obj in model.objects.exclude(pk__in=existing):
            date = now
            if name == "CareerCertification":
                # A guide link belongs to the guide's version: no later than the guide's publication.
                career = Career.objects.get(pk=obj.career_id)
                date = min(d for d in (career.created_at, career.published_at, now) if d is not None)
            values = {field.attname: getattr(obj, field.attname) for field in model._meta.concrete_fields}
            record = history.objects.create(
                **values, history_date=date, history_type="+", history_change_reason=REASON
            )
            if name == "Certification":
                through = apps.get_model("certifications", "HistoricalCertification_qualifying_programs")
                links = model.qualifying_programs.through.objects.filter(certification_id=obj.pk)
                through.objects.bulk_create(
                    [
                        through(history=record, id=link.id, certification_id=obj.pk, cipcode_id=link.cipcode_id)
                        for link in links
                    ]
                )


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0007_history_of_shipped_guides"),
        ("certifications", "0003_editorial_history"),
    ]

    operations = [migrations.RunPython(record_shipped_versions, migrations.RunPython.noop)]

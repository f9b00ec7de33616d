"""Content: the CTR's 2024 renaming, now with the NCRA page that states it.

0006 took the renaming out because no page in the notes supported it. NCRA's own "What is NCRA" page does: in 2024
NCRA and its Council on Certification renamed the Certified Tumor Registrar (CTR) credential Oncology Data
Specialist (ODS). This migration names the credential by both names, says so in its "good to know" paragraph and
lists that page as the source of the fact. It changes the CTR only where it still holds the text 0006 left, so a
staff edit stays as it is, and records a history version of what it changes.
"""

from django.db import migrations
from django.utils import timezone

REASON = "The 2024 renaming of the CTR, with NCRA's page as its source (migration 0007)"

NAME_0006 = "Certified Tumor Registrar"
NAME = "Oncology Data Specialist, formerly Certified Tumor Registrar"
RENAMING = (
    "NCRA gave this credential a new name in 2024: what was the Certified Tumor Registrar (CTR) is now the Oncology "
    "Data Specialist (ODS) (NCRA's \"What is NCRA\" page, read on 2 December 2026). The exam, eligibility and "
    "maintenance facts on this page come from NCRA pages written under the old name."
)
SOURCE = {
    "title": "What is NCRA",
    "publisher": "NCRA",
    "url": "https://www.ncra-usa.org/About/What-is-NCRA",
    "kind": "official",
    "page_date": "",
    "may_be_out_of_date": False,
    "facts": "the 2024 renaming of the CTR credential to Oncology Data Specialist (ODS)",
    "covers": ["notes"],
}


def _record(history, obj, history_type, now):
    values = {field.attname: getattr(obj, field.attname) for field in type(obj)._meta.concrete_fields}
    return history.objects.create(**values, history_date=now, history_type=history_type, history_change_reason=REASON)


def name_the_renaming(apps, schema_editor):
    Certification = apps.get_model("certifications", "Certification")
    CertificationSource = apps.get_model("certifications", "CertificationSource")
    HistoricalCertification = apps.get_model("certifications", "HistoricalCertification")
    HistoricalSource = apps.get_model("certifications", "HistoricalCertificationSource")
    through = apps.get_model("certifications", "HistoricalCertification_qualifying_programs")
    ctr = Certification.objects.filter(slug="ctr").first()
    if ctr is None or ctr.name != NAME_0006 or RENAMING in ctr.notes:
        return
    now = timezone.now()
    ctr.name = NAME
    ctr.notes = "\n\n".join(part for part in (RENAMING, ctr.notes) if part)
    Certification.objects.filter(pk=ctr.pk).update(name=ctr.name, notes=ctr.notes)
    if not CertificationSource.objects.filter(certification=ctr, url=SOURCE["url"]).exists():
        order = CertificationSource.objects.filter(certification=ctr).count() + 1
        source = CertificationSource.objects.create(**SOURCE, certification=ctr, order=order)
        _record(HistoricalSource, source, "+", now)
    record = _record(HistoricalCertification, ctr, "~", now)
    links = Certification.qualifying_programs.through.objects.filter(certification_id=ctr.pk)
    through.objects.bulk_create(
        [through(history=record, id=link.id, certification_id=ctr.pk, cipcode_id=link.cipcode_id) for link in links]
    )


class Migration(migrations.Migration):
    dependencies = [("certifications", "0006_name_sources_of_shipped_certifications")]

    operations = [migrations.RunPython(name_the_renaming, migrations.RunPython.noop)]

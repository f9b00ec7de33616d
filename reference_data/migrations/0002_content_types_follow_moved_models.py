"""Re-point the content types of the moved models to their new apps, so the permissions tied to them (and so the
staff roles, user permissions and admin log entries) stay with the same rows.

Django names a content type by (app_label, model); after the move it would look for, say, reference_data.occupation
and create a new one with fresh permissions, leaving the groups holding permissions on the old, orphaned type. On a
fresh database the old rows do not exist (or, if the role migrations created them, are moved like any other) and
this does nothing else. Where both the old and the new row exist, the new one was created by hand since: it is left
alone and the old one is kept, so no permission is lost; core/0004 then gives the roles the new type's permissions.
"""

from django.db import migrations

# (old app label, new app label, model name)
MOVED = [
    ("careers", "reference_data", "occupation"),
    ("careers", "reference_data", "occupationtask"),
    ("careers", "reference_data", "wageestimate"),
    ("careers", "reference_data", "employmentprojection"),
    ("schools", "reference_data", "cipcode"),
    ("schools", "reference_data", "cipsoclink"),
    ("schools", "reference_data", "zipcentroid"),
    ("certifications", "careers", "careercertification"),
    ("certifications", "careers", "historicalcareercertification"),
]


def _move(apps, moves):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for from_label, to_label, model in moves:
        if ContentType.objects.filter(app_label=to_label, model=model).exists():
            continue
        ContentType.objects.filter(app_label=from_label, model=model).update(app_label=to_label)


def forwards(apps, schema_editor):
    _move(apps, MOVED)


def backwards(apps, schema_editor):
    _move(apps, [(to_label, from_label, model) for from_label, to_label, model in MOVED])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reference_data", "0001_reference_tables_from_careers_and_schools"),
        ("careers", "0008_occupations_move_out_career_certifications_move_in"),
        ("certifications", "0008_career_links_move_to_careers"),
        ("schools", "0007_cip_and_zip_models_move_to_reference_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

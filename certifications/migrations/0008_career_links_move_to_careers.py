"""CareerCertification (with its history) moves to careers, which sits above certifications; the qualifying
programs point at reference_data's CIP codes. State only: the tables keep their names, the database is untouched
(careers/0008 adds the model to careers' state)."""

import django.db.models.deletion
from django.db import migrations, models

STATE_OPERATIONS = [
    migrations.RemoveConstraint(
        model_name="careercertification",
        name="career_certification_unique",
    ),
    migrations.RemoveField(
        model_name="certification",
        name="careers",
    ),
    migrations.AlterField(
        model_name="historicalcertification_qualifying_programs",
        name="cipcode",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            db_tablespace="",
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="reference_data.cipcode",
        ),
    ),
    migrations.RemoveField(
        model_name="careercertification",
        name="career",
    ),
    migrations.RemoveField(
        model_name="careercertification",
        name="certification",
    ),
    migrations.DeleteModel(
        name="HistoricalCareerCertification",
    ),
    migrations.AlterField(
        model_name="certification",
        name="qualifying_programs",
        field=models.ManyToManyField(
            blank=True,
            help_text="CIP programs whose graduates meet the education requirement.",
            related_name="qualifying_for",
            to="reference_data.cipcode",
        ),
    ),
    migrations.DeleteModel(
        name="CareerCertification",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0007_ctr_renamed_ods_with_its_source"),
        ("reference_data", "0001_reference_tables_from_careers_and_schools"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPERATIONS, database_operations=[]),
    ]

"""CipCode, CipSocLink and ZipCentroid leave schools' state (reference_data/0001 took them over with their
tables); the program and staff-choice foreign keys point there. State only: the database is untouched."""

import django.db.models.deletion
from django.db import migrations, models

STATE_OPERATIONS = [
    migrations.RemoveIndex(
        model_name="cipcode",
        name="cip_digits_code_idx",
    ),
    migrations.RemoveConstraint(
        model_name="cipcode",
        name="cip_code_unique",
    ),
    migrations.RemoveConstraint(
        model_name="cipcode",
        name="cip_code_digits_valid",
    ),
    migrations.AlterField(
        model_name="careerprogram",
        name="cip",
        field=models.ForeignKey(
            on_delete=django.db.models.deletion.CASCADE, related_name="career_choices", to="reference_data.cipcode"
        ),
    ),
    migrations.AlterField(
        model_name="program",
        name="cip",
        field=models.ForeignKey(
            on_delete=django.db.models.deletion.PROTECT, related_name="programs", to="reference_data.cipcode"
        ),
    ),
    migrations.AlterField(
        model_name="historicalcareerprogram",
        name="cip",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="reference_data.cipcode",
        ),
    ),
    migrations.RemoveConstraint(
        model_name="cipsoclink",
        name="cip_soc_link_unique",
    ),
    migrations.RemoveConstraint(
        model_name="zipcentroid",
        name="zip_centroid_zip_unique",
    ),
    migrations.DeleteModel(
        name="ZipCentroid",
    ),
    migrations.RemoveField(
        model_name="cipsoclink",
        name="cip",
    ),
    migrations.RemoveField(
        model_name="cipsoclink",
        name="occupation",
    ),
    migrations.DeleteModel(
        name="CipCode",
    ),
    migrations.DeleteModel(
        name="CipSocLink",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0006_trigram_indexes_for_name_search"),
        ("reference_data", "0001_reference_tables_from_careers_and_schools"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPERATIONS, database_operations=[]),
    ]

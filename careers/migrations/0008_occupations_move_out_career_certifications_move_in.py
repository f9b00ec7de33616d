"""The occupation models leave careers' state (reference_data/0001 took them over with their tables) and the guide
links point there; CareerCertification and its history arrive from certifications under their old table names, and
Career holds the many-to-many to certifications. State only: the database is untouched."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

STATE_OPERATIONS = [
    migrations.CreateModel(
        name="CareerCertification",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("order", models.PositiveSmallIntegerField(default=0)),
            (
                "note",
                models.CharField(blank=True, help_text="Why it matters for this career, in one line.", max_length=300),
            ),
        ],
        options={
            "db_table": "certifications_careercertification",
            "ordering": ["career", "order", "pk"],
        },
    ),
    migrations.CreateModel(
        name="HistoricalCareerCertification",
        fields=[
            ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
            ("order", models.PositiveSmallIntegerField(default=0)),
            (
                "note",
                models.CharField(blank=True, help_text="Why it matters for this career, in one line.", max_length=300),
            ),
            ("history_id", models.AutoField(primary_key=True, serialize=False)),
            ("history_date", models.DateTimeField(db_index=True)),
            ("history_change_reason", models.TextField(null=True)),
            (
                "history_type",
                models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
            ),
        ],
        options={
            "verbose_name": "historical career certification",
            "verbose_name_plural": "historical career certifications",
            "db_table": "certifications_historicalcareercertification",
            "ordering": ("-history_date", "-history_id"),
            "get_latest_by": ("history_date", "history_id"),
        },
        bases=(simple_history.models.HistoricalChanges, models.Model),
    ),
    migrations.RemoveConstraint(
        model_name="employmentprojection",
        name="employment_projection_natural_key",
    ),
    migrations.RemoveConstraint(
        model_name="employmentprojection",
        name="projection_years_ordered",
    ),
    migrations.RemoveConstraint(
        model_name="occupation",
        name="occupation_soc_code_unique",
    ),
    migrations.AlterField(
        model_name="relatedcareer",
        name="occupation",
        field=models.ForeignKey(
            blank=True,
            null=True,
            on_delete=django.db.models.deletion.SET_NULL,
            related_name="+",
            to="reference_data.occupation",
        ),
    ),
    migrations.AlterField(
        model_name="historicalrelatedcareer",
        name="occupation",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="reference_data.occupation",
        ),
    ),
    migrations.AlterField(
        model_name="careeroccupation",
        name="occupation",
        field=models.ForeignKey(
            on_delete=django.db.models.deletion.PROTECT, related_name="career_links", to="reference_data.occupation"
        ),
    ),
    migrations.AlterField(
        model_name="historicalcareeroccupation",
        name="occupation",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="reference_data.occupation",
        ),
    ),
    migrations.RemoveConstraint(
        model_name="occupationtask",
        name="occupation_task_unique",
    ),
    migrations.RemoveIndex(
        model_name="wageestimate",
        name="wage_area_state_period_idx",
    ),
    migrations.RemoveIndex(
        model_name="wageestimate",
        name="wage_period_idx",
    ),
    migrations.RemoveConstraint(
        model_name="wageestimate",
        name="wage_estimate_natural_key",
    ),
    migrations.RemoveConstraint(
        model_name="wageestimate",
        name="wage_estimate_area_type_valid",
    ),
    migrations.AddField(
        model_name="careercertification",
        name="career",
        field=models.ForeignKey(
            on_delete=django.db.models.deletion.CASCADE, related_name="career_certifications", to="careers.career"
        ),
    ),
    migrations.AddField(
        model_name="careercertification",
        name="certification",
        field=models.ForeignKey(
            on_delete=django.db.models.deletion.CASCADE, related_name="career_links", to="certifications.certification"
        ),
    ),
    migrations.AddField(
        model_name="career",
        name="certifications",
        field=models.ManyToManyField(
            blank=True, related_name="careers", through="careers.CareerCertification", to="certifications.certification"
        ),
    ),
    migrations.AddField(
        model_name="historicalcareercertification",
        name="career",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="careers.career",
        ),
    ),
    migrations.AddField(
        model_name="historicalcareercertification",
        name="certification",
        field=models.ForeignKey(
            blank=True,
            db_constraint=False,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="certifications.certification",
        ),
    ),
    migrations.AddField(
        model_name="historicalcareercertification",
        name="history_user",
        field=models.ForeignKey(
            null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL
        ),
    ),
    migrations.RemoveField(
        model_name="employmentprojection",
        name="occupation",
    ),
    migrations.AlterField(
        model_name="career",
        name="occupations",
        field=models.ManyToManyField(
            blank=True, related_name="careers", through="careers.CareerOccupation", to="reference_data.occupation"
        ),
    ),
    migrations.RemoveField(
        model_name="occupationtask",
        name="occupation",
    ),
    migrations.RemoveField(
        model_name="wageestimate",
        name="occupation",
    ),
    migrations.AddConstraint(
        model_name="careercertification",
        constraint=models.UniqueConstraint(fields=("career", "certification"), name="career_certification_unique"),
    ),
    migrations.DeleteModel(
        name="EmploymentProjection",
    ),
    migrations.DeleteModel(
        name="OccupationTask",
    ),
    migrations.DeleteModel(
        name="Occupation",
    ),
    migrations.DeleteModel(
        name="WageEstimate",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0007_history_of_shipped_guides"),
        ("certifications", "0008_career_links_move_to_careers"),
        ("reference_data", "0001_reference_tables_from_careers_and_schools"),
        ("schools", "0007_cip_and_zip_models_move_to_reference_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPERATIONS, database_operations=[]),
    ]

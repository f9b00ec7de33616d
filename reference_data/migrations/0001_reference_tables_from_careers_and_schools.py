"""The reference data's models move here from careers (SOC occupations, O*NET tasks, OEWS wages, projections) and
schools (CIP codes, the CIP-SOC crosswalk, ZIP centroids), in the migration state only.

Each model keeps its old table (``db_table``), and every constraint and index keeps its name, so the database is not
touched: ``sqlmigrate`` prints no SQL for this migration. careers/0008 and schools/0007 drop the models from their
old apps' state and point the foreign keys here; 0002 moves their content types (and so their permissions).

It runs after core/0003 so the role migrations before it, which create permissions from the migration state, only
ever saw the models under their old apps.
"""

import django.db.models.deletion
from django.db import migrations, models

STATE_OPERATIONS = [
    migrations.CreateModel(
        name="CipCode",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("code", models.CharField(max_length=7)),
            ("title", models.CharField(max_length=300)),
            ("definition", models.TextField(blank=True)),
            ("digits", models.PositiveSmallIntegerField(help_text="2, 4 or 6.")),
        ],
        options={
            "verbose_name": "CIP code",
            "db_table": "schools_cipcode",
            "ordering": ["code"],
        },
    ),
    migrations.CreateModel(
        name="Occupation",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("soc_code", models.CharField(help_text="SOC code such as 29-2072.", max_length=7)),
            ("title", models.CharField(max_length=200)),
            (
                "description",
                models.TextField(blank=True, help_text="O*NET description (credited on every page that shows it)."),
            ),
            ("description_source", models.CharField(blank=True, max_length=200)),
            (
                "in_current_soc",
                models.BooleanField(
                    default=True, help_text="False for codes seen only in older files that are not in SOC 2018."
                ),
            ),
            ("job_zone", models.PositiveSmallIntegerField(blank=True, help_text="O*NET Job Zone (1-5).", null=True)),
            ("typical_education", models.CharField(blank=True, max_length=200)),
        ],
        options={
            "db_table": "careers_occupation",
            "ordering": ["soc_code"],
            "constraints": [models.UniqueConstraint(fields=("soc_code",), name="occupation_soc_code_unique")],
        },
    ),
    migrations.CreateModel(
        name="CipSocLink",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            (
                "cip",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="soc_links", to="reference_data.cipcode"
                ),
            ),
            (
                "occupation",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="cip_links",
                    to="reference_data.occupation",
                ),
            ),
        ],
        options={
            "verbose_name": "CIP-SOC crosswalk link",
            "db_table": "schools_cipsoclink",
            "ordering": ["cip", "occupation"],
        },
    ),
    migrations.AddField(
        model_name="cipcode",
        name="occupations",
        field=models.ManyToManyField(
            blank=True, related_name="cip_codes", through="reference_data.CipSocLink", to="reference_data.occupation"
        ),
    ),
    migrations.CreateModel(
        name="OccupationTask",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("onet_soc_code", models.CharField(max_length=10)),
            ("task_id", models.CharField(max_length=12)),
            ("text", models.TextField()),
            ("is_core", models.BooleanField(default=True)),
            (
                "occupation",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE, related_name="tasks", to="reference_data.occupation"
                ),
            ),
        ],
        options={
            "db_table": "careers_occupationtask",
            "ordering": ["occupation", "task_id"],
        },
    ),
    migrations.CreateModel(
        name="WageEstimate",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            (
                "area_type",
                models.CharField(
                    choices=[
                        ("national", "National"),
                        ("state", "State"),
                        ("metro", "Metropolitan area"),
                        ("nonmetro", "Nonmetropolitan area"),
                    ],
                    max_length=10,
                ),
            ),
            ("area_code", models.CharField(help_text='BLS area code: "99" national, FIPS for states.', max_length=10)),
            ("area_name", models.CharField(max_length=200)),
            (
                "state",
                models.CharField(
                    blank=True, help_text="Two-letter state code (primary state for metros).", max_length=2
                ),
            ),
            ("period", models.DateField(help_text="Reference month of the estimates, e.g. 2025-05-01 for May 2025.")),
            ("employment", models.PositiveIntegerField(blank=True, null=True)),
            ("hourly_mean", models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True)),
            ("annual_mean", models.PositiveIntegerField(blank=True, null=True)),
            ("annual_p10", models.PositiveIntegerField(blank=True, null=True)),
            ("annual_p25", models.PositiveIntegerField(blank=True, null=True)),
            ("annual_median", models.PositiveIntegerField(blank=True, null=True)),
            ("annual_p75", models.PositiveIntegerField(blank=True, null=True)),
            ("annual_p90", models.PositiveIntegerField(blank=True, null=True)),
            ("hourly_median", models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True)),
            (
                "top_coded",
                models.JSONField(
                    blank=True,
                    default=list,
                    help_text="Fields BLS marked # (at or above the top code); the value stored is the top code.",
                ),
            ),
            ("source", models.CharField(default="BLS Occupational Employment and Wage Statistics", max_length=200)),
            ("source_url", models.URLField(blank=True, max_length=500)),
            (
                "occupation",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="wage_estimates",
                    to="reference_data.occupation",
                ),
            ),
        ],
        options={
            "db_table": "careers_wageestimate",
            "ordering": ["occupation", "-period", "area_type", "area_name"],
        },
    ),
    migrations.CreateModel(
        name="ZipCentroid",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("zip_code", models.CharField(max_length=5)),
            ("latitude", models.FloatField()),
            ("longitude", models.FloatField()),
            ("source", models.CharField(default="Census Gazetteer ZCTA", max_length=100)),
            ("vintage", models.CharField(blank=True, max_length=20)),
        ],
        options={
            "verbose_name": "ZIP centroid",
            "db_table": "schools_zipcentroid",
            "ordering": ["zip_code"],
            "constraints": [models.UniqueConstraint(fields=("zip_code",), name="zip_centroid_zip_unique")],
        },
    ),
    migrations.CreateModel(
        name="EmploymentProjection",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("base_year", models.PositiveSmallIntegerField()),
            ("target_year", models.PositiveSmallIntegerField()),
            (
                "employment_base",
                models.DecimalField(
                    blank=True,
                    decimal_places=1,
                    help_text="Thousands of jobs in the base year.",
                    max_digits=10,
                    null=True,
                ),
            ),
            ("employment_target", models.DecimalField(blank=True, decimal_places=1, max_digits=10, null=True)),
            ("change_numeric", models.DecimalField(blank=True, decimal_places=1, max_digits=10, null=True)),
            ("change_percent", models.DecimalField(blank=True, decimal_places=1, max_digits=6, null=True)),
            (
                "annual_openings",
                models.DecimalField(
                    blank=True, decimal_places=1, help_text="Thousands of openings a year.", max_digits=10, null=True
                ),
            ),
            ("median_annual_wage", models.PositiveIntegerField(blank=True, null=True)),
            (
                "median_annual_wage_top_coded",
                models.BooleanField(
                    default=False,
                    help_text='BLS gave the wage as at or above the top code (">=$239,200"); the top code is stored.',
                ),
            ),
            ("typical_entry_education", models.CharField(blank=True, max_length=200)),
            ("work_experience", models.CharField(blank=True, max_length=200)),
            ("source", models.CharField(default="BLS Employment Projections", max_length=200)),
            ("source_url", models.URLField(blank=True, max_length=500)),
            (
                "occupation",
                models.ForeignKey(
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="projections",
                    to="reference_data.occupation",
                ),
            ),
        ],
        options={
            "db_table": "careers_employmentprojection",
            "ordering": ["occupation", "-base_year"],
            "constraints": [
                models.UniqueConstraint(
                    fields=("occupation", "base_year", "target_year"), name="employment_projection_natural_key"
                ),
                models.CheckConstraint(
                    condition=models.Q(("target_year__gt", models.F("base_year"))), name="projection_years_ordered"
                ),
            ],
        },
    ),
    migrations.AddConstraint(
        model_name="cipsoclink",
        constraint=models.UniqueConstraint(fields=("cip", "occupation"), name="cip_soc_link_unique"),
    ),
    migrations.AddIndex(
        model_name="cipcode",
        index=models.Index(fields=["digits", "code"], name="cip_digits_code_idx"),
    ),
    migrations.AddConstraint(
        model_name="cipcode",
        constraint=models.UniqueConstraint(fields=("code",), name="cip_code_unique"),
    ),
    migrations.AddConstraint(
        model_name="cipcode",
        constraint=models.CheckConstraint(condition=models.Q(("digits__in", [2, 4, 6])), name="cip_code_digits_valid"),
    ),
    migrations.AddConstraint(
        model_name="occupationtask",
        constraint=models.UniqueConstraint(fields=("onet_soc_code", "task_id"), name="occupation_task_unique"),
    ),
    migrations.AddIndex(
        model_name="wageestimate",
        index=models.Index(fields=["area_type", "state", "period"], name="wage_area_state_period_idx"),
    ),
    migrations.AddIndex(
        model_name="wageestimate",
        index=models.Index(fields=["period"], name="wage_period_idx"),
    ),
    migrations.AddConstraint(
        model_name="wageestimate",
        constraint=models.UniqueConstraint(
            fields=("occupation", "area_type", "area_code", "period"), name="wage_estimate_natural_key"
        ),
    ),
    migrations.AddConstraint(
        model_name="wageestimate",
        constraint=models.CheckConstraint(
            condition=models.Q(("area_type__in", ["national", "state", "metro", "nonmetro"])),
            name="wage_estimate_area_type_valid",
        ),
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("careers", "0007_history_of_shipped_guides"),
        ("schools", "0006_trigram_indexes_for_name_search"),
        ("certifications", "0007_ctr_renamed_ods_with_its_source"),
        ("core", "0003_roles_cover_certification_sources"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=STATE_OPERATIONS, database_operations=[]),
    ]

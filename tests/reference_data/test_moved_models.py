"""The reference data moved to its own app (and CareerCertification to careers) without touching the database: the
tables, their constraint and index names and their rows stay where they were, and the permissions the staff roles
hold stay the same rows."""

import importlib
import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from careers.models import CareerCertification
from core.roles import CONTENT_EDITORS, DATA_STEWARDS
from reference_data.models import (
    CipCode,
    CipSocLink,
    EmploymentProjection,
    Occupation,
    OccupationTask,
    WageEstimate,
    ZipCentroid,
)

pytestmark = pytest.mark.django_db

# model -> (the app it came from, the table it has always had)
MOVED = {
    Occupation: ("careers", "careers_occupation"),
    OccupationTask: ("careers", "careers_occupationtask"),
    WageEstimate: ("careers", "careers_wageestimate"),
    EmploymentProjection: ("careers", "careers_employmentprojection"),
    CipCode: ("schools", "schools_cipcode"),
    CipSocLink: ("schools", "schools_cipsoclink"),
    ZipCentroid: ("schools", "schools_zipcentroid"),
    CareerCertification: ("certifications", "certifications_careercertification"),
    CareerCertification.history.model: ("certifications", "certifications_historicalcareercertification"),
}
# The migrations that move the models: each must be state-only.
STATE_ONLY_MIGRATIONS = [
    ("reference_data", "0001_reference_tables_from_careers_and_schools"),
    ("schools", "0007_cip_and_zip_models_move_to_reference_data"),
    ("certifications", "0008_career_links_move_to_careers"),
    ("careers", "0008_occupations_move_out_career_certifications_move_in"),
]


@pytest.mark.parametrize("model", list(MOVED), ids=lambda model: model.__name__)
def test_moved_model_keeps_its_table_and_constraint_names(model):
    _, table = MOVED[model]
    assert model._meta.db_table == table
    assert table in connection.introspection.table_names()
    declared = {item.name for item in [*model._meta.constraints, *model._meta.indexes]}
    in_database = _constraint_and_index_names(table)
    assert declared <= in_database, f"{table}: constraints or indexes renamed or missing: {declared - in_database}"


def _constraint_and_index_names(table):
    # Read from the catalogue: Django's SQLite introspection cannot parse the schools tables' expression indexes.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass "
                "UNION SELECT indexname FROM pg_indexes WHERE tablename = %s",
                [table, table],
            )
            return {name for (name,) in cursor.fetchall()}
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = %s", [table])
        rows = cursor.fetchall()
    table_sql = " ".join(sql or "" for _, sql in rows)
    names = {name for name, _ in rows}
    # SQLite keeps CHECK constraints in the table's CREATE TABLE text, as CONSTRAINT "name" CHECK (...).
    return names | {word.strip('"') for word in table_sql.split() if word.startswith('"')}


def test_the_m2m_tables_of_the_moved_relations_keep_their_names():
    tables = connection.introspection.table_names()
    career_field = apps.get_model("careers", "Career")._meta.get_field("certifications")
    qualifying = apps.get_model("certifications", "Certification")._meta.get_field("qualifying_programs")
    assert career_field.remote_field.through is CareerCertification
    assert qualifying.remote_field.through._meta.db_table == "certifications_certification_qualifying_programs"
    assert "certifications_certification_qualifying_programs" in tables


def test_the_moving_migrations_emit_no_sql(tmp_path):
    """``sqlmigrate`` on this database's engine. In a process of its own: SQLite's schema editor cannot start inside
    the test's transaction (and on SQLite it gets a scratch file, as sqlmigrate only needs the engine)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'sqlmigrate.sqlite3'}"
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        f"for app_label, name in {STATE_ONLY_MIGRATIONS!r}:\n"
        "    call_command('sqlmigrate', app_label, name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert lines.count("-- (no-op)") == len(STATE_ONLY_MIGRATIONS)
    statements = [line for line in lines if not line.startswith("--") and line not in ("BEGIN;", "COMMIT;")]
    assert statements == []


def test_content_types_follow_the_moved_models():
    for model, (old_app, _) in MOVED.items():
        content_type = ContentType.objects.get_for_model(model)
        assert content_type.app_label == model._meta.app_label != old_app
        assert not ContentType.objects.filter(app_label=old_app, model=model._meta.model_name).exists()


def test_an_upgraded_database_keeps_the_same_content_type_and_permission_rows():
    """An existing database has the content types under the old app labels; the migration renames them in place."""
    moving = importlib.import_module("reference_data.migrations.0002_content_types_follow_moved_models")
    wage_type = ContentType.objects.get_for_model(WageEstimate)
    link_type = ContentType.objects.get_for_model(CareerCertification)
    view_wages = Permission.objects.get(content_type=wage_type, codename="view_wageestimate")
    add_link = Permission.objects.get(content_type=link_type, codename="add_careercertification")
    assert Group.objects.get(name=DATA_STEWARDS).permissions.filter(pk=view_wages.pk).exists()
    assert Group.objects.get(name=CONTENT_EDITORS).permissions.filter(pk=add_link.pk).exists()
    # As the database stood before the move:
    moving.backwards(apps, None)
    wage_type.refresh_from_db()
    link_type.refresh_from_db()
    assert (wage_type.app_label, link_type.app_label) == ("careers", "certifications")
    ContentType.objects.clear_cache()

    moving.forwards(apps, None)

    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(WageEstimate).pk == wage_type.pk
    assert ContentType.objects.get_for_model(CareerCertification).pk == link_type.pk
    assert Permission.objects.get(content_type__app_label="reference_data", codename="view_wageestimate") == view_wages
    assert Permission.objects.get(content_type__app_label="careers", codename="add_careercertification") == add_link


def test_moving_content_types_leaves_a_type_already_under_the_new_label_alone():
    moving = importlib.import_module("reference_data.migrations.0002_content_types_follow_moved_models")
    stale = ContentType.objects.create(app_label="careers", model="occupation")
    current = ContentType.objects.get_for_model(Occupation)

    moving.forwards(apps, None)

    stale.refresh_from_db()
    current.refresh_from_db()
    assert (stale.app_label, current.app_label) == ("careers", "reference_data")

"""A successful import refreshes the planner's statistics for the tables it wrote (imports.services)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def analyzed_tables():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Column statistics that ANALYZE writes (inside the test's transaction, so each test starts without).
            cursor.execute("SELECT DISTINCT c.relname FROM pg_statistic s JOIN pg_class c ON c.oid = s.starelid")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return set()
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        return {row[0] for row in cursor.fetchall()}


def test_completions_import_analyzes_programs_and_completions(load, base_data):
    assert not {"schools_program", "schools_completion"} & analyzed_tables()
    run = load("ipeds-completions", "c2023_a.csv")
    assert run.outcome == "succeeded", run.report
    assert {"schools_program", "schools_completion"} <= analyzed_tables()


def test_a_dry_run_or_failed_import_analyzes_nothing(load, base_data):
    load("ipeds-completions", "c2023_a.csv", dry_run=True)
    assert not {"schools_program", "schools_completion"} & analyzed_tables()

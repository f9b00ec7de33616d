"""make bench writes the import's changes to disk before it measures anything (bench/runner.py)."""

import re

import pytest
from django.db import connection

from bench import runner


@pytest.mark.django_db
def test_the_imports_changes_are_written_before_the_load_runs_or_the_report_says_why_not():
    note = runner.flush_database_writes()
    if connection.vendor == "postgresql":  # .ci/run's PostgreSQL: the user is a superuser
        assert re.fullmatch(r"CHECKPOINT after the import: \d+\.\d s", note)
    else:
        assert note.startswith("CHECKPOINT after the import: refused (")
    with connection.cursor() as cursor:  # the database still answers
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)

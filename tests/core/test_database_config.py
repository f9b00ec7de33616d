"""DATABASE_URL picks the database; an SQLite file (the embedded default) runs in WAL mode so readers never wait
for a writer."""

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler

from config.settings.base import database_from_env


@pytest.mark.django_db  # lets pytest-django open the extra connection
def test_an_sqlite_file_database_runs_in_wal_mode(tmp_path, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("the suite runs on PostgreSQL: WAL is SQLite's journal mode")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    handler = ConnectionHandler({"default": database_from_env()})
    wrapper = handler["default"]
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA synchronous")
            assert cursor.fetchone()[0] == 1  # NORMAL: safe with WAL, without a sync on every commit
    finally:
        handler.close_all()

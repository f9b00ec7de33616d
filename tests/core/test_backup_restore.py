"""scripts/backup and scripts/restore: a database holding a staff edit and imported data, backed up and restored into
a new database, has the same rows in every table (row count and md5 of the rows), the same indexes, and the edit.

SQLite runs on a file database in tmp_path whatever the test database is; PostgreSQL runs on the test database
(DATABASE_URL=postgres://...) and restores into a scratch database next to it, dropped afterwards.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EDITED_SUMMARY = "Edited by staff just before the backup: this sentence must survive the restore."
GUIDE = "medical-biller-and-coder"


def run_script(name, *args, database_url):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}}
    environment["DATABASE_URL"] = database_url
    return subprocess.run(
        [ROOT / "scripts" / name, *map(str, args)], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def make_staff_edit_and_import():
    """What a steward's database holds: a guide edited by staff (with its history row) and imported official data."""
    from django.contrib.auth import get_user_model

    from careers.models import Career
    from core.history import save_with_history

    call_command("sync_content", verbosity=0)  # the shipped guides, as every site has them
    editor = get_user_model().objects.create_user("edna", password="a-long-test-password", is_staff=True)
    career = Career.objects.get(slug=GUIDE)
    career.summary = EDITED_SUMMARY
    save_with_history(career, user=editor, reason="Edited for the backup test")
    for dataset, path in [
        ("cip", FIXTURES / "cip" / "CIPCode2020.csv"),
        ("ipeds-hd", FIXTURES / "ipeds-hd" / "hd2023.csv"),
        ("zcta", FIXTURES / "zcta" / "2025_Gaz_zcta_national.txt"),
    ]:
        call_command("import_data", dataset, str(path), verbosity=0)


def assert_holds_the_edit_and_the_import(digest, read_rows):
    for table in ("careers_historicalcareer", "auth_user", "schools_cipcode", "schools_institution",
                  "schools_zipcentroid", "imports_importrun"):  # fmt: skip
        assert digest[table][0] > 0, f"{table} is empty: the round trip would prove nothing"
    assert read_rows("SELECT summary FROM careers_career WHERE slug = %s", GUIDE) == [(EDITED_SUMMARY,)]
    edits = read_rows("SELECT count(*) FROM careers_historicalcareer WHERE summary = %s", EDITED_SUMMARY)
    assert edits == [(1,)]


def md5(text):
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


# --- SQLite ----------------------------------------------------------------------------------------------------------


def sqlite_digest(path):
    """Per table: (row count, md5 of its rows sorted); and the schema (tables, indexes, their SQL)."""
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = database.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        digest = {"(schema)": (len(schema), md5(repr(schema)))}
        for (table,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            rows = sorted(repr(row) for row in database.execute(f'SELECT * FROM "{table}"'))  # noqa: S608
            digest[table] = (len(rows), md5("\n".join(rows)))
        return digest
    finally:
        database.close()


def sqlite_rows(path):
    def read(sql, *params):
        database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return database.execute(sql.replace("%s", "?"), params).fetchall()
        finally:
            database.close()

    return read


SETUP_SCRIPT = """
import django
django.setup()
from tests.core.test_backup_restore import make_staff_edit_and_import
make_staff_edit_and_import()
"""


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    """A migrated SQLite file database with a staff edit and three imports, built in its own process."""
    path = tmp_path_factory.mktemp("backup") / "site.sqlite3"
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}}
    environment.update({"DATABASE_URL": f"sqlite:///{path}", "DJANGO_SETTINGS_MODULE": "config.settings.test"})
    for command in (
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        [sys.executable, "-c", SETUP_SCRIPT],
    ):
        result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    return path


def test_sqlite_round_trip_keeps_every_row(sqlite_site, tmp_path):
    source = f"sqlite:///{sqlite_site}"
    backup = tmp_path / "site-backup.sqlite3"
    result = run_script("backup", "--output", backup, database_url=source)
    assert result.returncode == 0, result.stderr
    assert f"Backed up SQLite database {sqlite_site} to {backup}" in result.stdout
    assert oct(backup.stat().st_mode & 0o777) == "0o600"  # password hashes and sessions: owner only
    assert not list(tmp_path.glob("*.partial*")) and not list(tmp_path.glob("*-wal"))

    restored = tmp_path / "new" / "restored.sqlite3"
    result = run_script("restore", backup, database_url=f"sqlite:///{restored}")
    assert result.returncode == 0, result.stderr
    assert f"Restored {backup} into SQLite database {restored}" in result.stdout

    expected = sqlite_digest(sqlite_site)
    assert sqlite_digest(restored) == expected
    assert_holds_the_edit_and_the_import(expected, sqlite_rows(restored))


def test_sqlite_restore_refuses_a_database_with_tables_unless_forced(sqlite_site, tmp_path):
    backup = tmp_path / "site-backup.sqlite3"
    assert run_script("backup", "--output", backup, database_url=f"sqlite:///{sqlite_site}").returncode == 0
    target = tmp_path / "live.sqlite3"
    database = sqlite3.connect(target)
    database.execute("CREATE TABLE staff_work (note TEXT)")
    database.execute("INSERT INTO staff_work VALUES ('made after the backup')")
    database.commit()
    database.close()

    refused = run_script("restore", backup, database_url=f"sqlite:///{target}")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"restore: error: SQLite database {target} already holds 1 table; restore into a new, empty database, "
        "or pass --force to replace its contents with the backup's"
    )
    assert sqlite_rows(target)("SELECT note FROM staff_work") == [("made after the backup",)]

    forced = run_script("restore", backup, "--force", database_url=f"sqlite:///{target}")
    assert forced.returncode == 0, forced.stderr
    assert sqlite_digest(target) == sqlite_digest(sqlite_site)


def test_a_damaged_sqlite_backup_is_refused_and_the_target_left_alone(sqlite_site, tmp_path):
    backup = tmp_path / "site-backup.sqlite3"
    assert run_script("backup", "--output", backup, database_url=f"sqlite:///{sqlite_site}").returncode == 0
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 2])
    target = tmp_path / "restored.sqlite3"
    result = run_script("restore", backup, database_url=f"sqlite:///{target}")
    assert result.returncode == 1
    assert result.stderr.startswith(f"restore: error: {backup} is damaged")
    assert not target.exists()


def test_usage_and_clear_errors(tmp_path, sqlite_site):
    sqlite_url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    usage = run_script("backup", "--help", database_url=sqlite_url)
    assert usage.returncode == 0 and usage.stdout.startswith("usage: scripts/backup [-h] [--output FILE]")
    assert "daily and before every import or upgrade" in usage.stdout
    missing_argument = run_script("restore", database_url=sqlite_url)
    assert missing_argument.returncode == 2 and "usage: scripts/restore [-h] [--force] FILE" in missing_argument.stderr

    missing_file = run_script("restore", tmp_path / "nope.pgdump", database_url=sqlite_url)
    assert (missing_file.returncode, missing_file.stderr.strip()) == (
        1, f"restore: error: {tmp_path / 'nope.pgdump'}: no such file"
    )  # fmt: skip
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    result = run_script("restore", not_a_backup, database_url=sqlite_url)
    assert result.returncode == 1 and "is not a backup made by scripts/backup" in result.stderr

    no_database = run_script("backup", database_url=sqlite_url)
    assert (no_database.returncode, no_database.stderr.strip()) == (
        1, f"backup: error: {tmp_path / 'x.sqlite3'} does not exist: nothing to back up"
    )  # fmt: skip
    backup = tmp_path / "b.sqlite3"
    assert run_script("backup", "--output", backup, database_url=f"sqlite:///{sqlite_site}").returncode == 0
    again = run_script("backup", "--output", backup, database_url=f"sqlite:///{sqlite_site}")
    assert again.returncode == 1 and "already exists" in again.stderr

    wrong_kind = run_script("restore", backup, database_url="postgres://postgres@127.0.0.1:5432/anything")
    assert wrong_kind.returncode == 1
    assert "is a SQLite backup, but DATABASE_URL names a PostgreSQL database anything" in wrong_kind.stderr


# --- PostgreSQL ------------------------------------------------------------------------------------------------------


def pg_url(settings_dict, name):
    user = quote(settings_dict.get("USER") or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def pg_connect(settings_dict, name):
    import psycopg2

    return psycopg2.connect(
        dbname=name,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or "127.0.0.1",
        port=settings_dict.get("PORT") or 5432,
    )


def pg_digest(settings_dict, name):
    from psycopg2 import sql

    database = pg_connect(settings_dict, name)
    try:
        with database.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")
            indexes = cursor.fetchall()
            cursor.execute("SELECT extname FROM pg_extension ORDER BY 1")
            digest = {"(indexes)": (len(indexes), md5(repr(indexes))),
                      "(extensions)": tuple(row[0] for row in cursor.fetchall())}  # fmt: skip
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            for (table,) in cursor.fetchall():
                cursor.execute(
                    sql.SQL(
                        "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {} t"
                    ).format(sql.Identifier(table))
                )
                digest[table] = cursor.fetchone()
        return digest
    finally:
        database.close()


def pg_rows(settings_dict, name):
    def read(query, *params):
        database = pg_connect(settings_dict, name)
        try:
            with database.cursor() as cursor:
                cursor.execute(query, params)
                return cursor.fetchall()
        finally:
            database.close()

    return read


def pg_admin(settings_dict, statement):
    database = pg_connect(settings_dict, "postgres")
    database.autocommit = True
    try:
        with database.cursor() as cursor:
            cursor.execute(statement)
    finally:
        database.close()


# Skipped at collection, before pytest-django sets up a transactional database: skipping from inside a fixture would
# still flush the test database afterwards, without the serialized rollback, and empty it for the tests that follow.
only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the test database is SQLite; the PostgreSQL round trip runs with DATABASE_URL=postgres://...",
)


@pytest.fixture
def postgres_scratch_database():
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_restore"[:63]
    pg_admin(settings_dict, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg_admin(settings_dict, f'CREATE DATABASE "{name}"')
    yield name
    pg_admin(settings_dict, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@only_on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_round_trip_keeps_every_row(postgres_scratch_database, tmp_path):
    # transaction=True: the edit and the imports are committed, so pg_dump (another process) sees them.
    # serialized_rollback (in the marker: pytest-django ignores the django_db_serialized_rollback fixture on a test
    # with a django_db marker) snapshots the migrated database and reloads it before each such test, so the guides
    # and groups the migrations installed are there for the tests that follow the flush.
    make_staff_edit_and_import()
    settings_dict = connection.settings_dict
    source_name, restored_name = settings_dict["NAME"], postgres_scratch_database

    backup = tmp_path / "site.pgdump"
    result = run_script("backup", "--output", backup, database_url=pg_url(settings_dict, source_name))
    assert result.returncode == 0, result.stderr
    assert backup.read_bytes().startswith(b"PGDMP") and oct(backup.stat().st_mode & 0o777) == "0o600"

    target_url = pg_url(settings_dict, restored_name)
    result = run_script("restore", backup, database_url=target_url)
    assert result.returncode == 0, result.stderr
    assert f"Restored {backup} into PostgreSQL database {restored_name}" in result.stdout
    expected = pg_digest(settings_dict, source_name)
    assert "pg_trgm" in expected["(extensions)"]
    assert pg_digest(settings_dict, restored_name) == expected
    assert_holds_the_edit_and_the_import(expected, pg_rows(settings_dict, restored_name))

    # Restoring again would replace whatever was done since: refused without --force, and nothing changes.
    pg_rows(settings_dict, restored_name)("SELECT 1")  # still reachable
    refused = run_script("restore", backup, database_url=target_url)
    assert refused.returncode == 1
    assert "already holds" in refused.stderr and "pass --force" in refused.stderr
    forced = run_script("restore", backup, "--force", database_url=target_url)
    assert forced.returncode == 0, forced.stderr
    assert pg_digest(settings_dict, restored_name) == expected


@only_on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_damaged_postgresql_backup_changes_nothing(postgres_scratch_database, tmp_path):
    settings_dict = connection.settings_dict
    backup = tmp_path / "site.pgdump"
    assert (
        run_script("backup", "--output", backup, database_url=pg_url(settings_dict, settings_dict["NAME"])).returncode
        == 0
    )
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 2])
    result = run_script("restore", backup, database_url=pg_url(settings_dict, postgres_scratch_database))
    assert result.returncode == 1
    assert result.stderr.startswith("restore: error: pg_restore into PostgreSQL database")
    assert pg_rows(settings_dict, postgres_scratch_database)(
        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
    ) == [(0,)]

"""Back up and restore the site's database: what scripts/backup and scripts/restore run (README "Backups").

The database is DATABASE_URL's (from the environment or the project's .env file, as the site reads it), or the
embedded default var/db.sqlite3.

- PostgreSQL: pg_dump's custom format (compressed, and pg_restore can check and list it), restored with pg_restore
  in one transaction, so a restore that fails changes nothing.
- SQLite: SQLite's online backup API (sqlite3.Connection.backup), which copies a consistent snapshot while the site
  keeps serving, WAL included; a plain file copy of a live database can be torn.

A backup is first written next to its final name and checked (pg_restore --list reads the whole archive's table
of contents; SQLite's integrity_check reads every page), then renamed into place, so a backup file that exists is
complete. Backups hold password hashes and sessions: they are created readable by their owner only.

Restore refuses a target that already holds tables unless --force is given: restoring into the live database by
mistake would replace every edit made since the backup.
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = BASE_DIR / "var" / "db.sqlite3"
BACKUP_DIR = BASE_DIR / "var" / "backups"
POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A failure the steward can act on; printed as one line, exit status 1."""


def database_config():
    env = environ.Env()
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
    url = env.str("DATABASE_URL", default=f"sqlite:///{DEFAULT_SQLITE}")
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # django-environ raises several types for a malformed address
        raise BackupError(f"DATABASE_URL is not a database address ({exc})") from exc
    if config["ENGINE"] not in (POSTGRESQL, SQLITE):
        scheme = url.split(":")[0]
        raise BackupError(f"DATABASE_URL: only PostgreSQL and SQLite databases can be backed up, not {scheme}")
    return config


def describe(config):
    if config["ENGINE"] == SQLITE:
        return f"SQLite database {config['NAME']}"
    return f"PostgreSQL database {config['NAME']} on {config.get('HOST') or 'localhost'}"


# --- PostgreSQL ----------------------------------------------------------------------------------------------------


def pg_environment(config):
    """libpq reads the connection from these variables, so the password is never on a command line."""
    environment = {**os.environ, "PGDATABASE": str(config["NAME"]), "PGCONNECT_TIMEOUT": "10"}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if config.get(key):
            environment[variable] = str(config[key])
    sslmode = (config.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = sslmode
    return environment


def pg_tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client of the server's major version")
    return path


def run_pg(command, config, what):
    result = subprocess.run(command, env=pg_environment(config), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()
        raise BackupError(f"{what} failed: {detail[0] if detail else f'exit status {result.returncode}'}")
    return result.stdout


def pg_table_count(config):
    sql = "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
    output = run_pg([pg_tool("psql"), "--no-psqlrc", "-tAc", sql], config, f"reading {describe(config)}")
    return int(output.strip())


def backup_postgresql(config, partial):
    run_pg(
        [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial)],
        config,
        f"pg_dump of {describe(config)}",
    )
    run_pg([pg_tool("pg_restore"), "--list", str(partial)], config, "checking the new backup")


def restore_postgresql(config, backup, force):
    tables = pg_table_count(config)
    if tables and not force:
        raise_not_empty(config, tables)
    command = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if tables:
        # --force: drop and recreate every object the backup holds, in the same transaction as the restore.
        command += ["--clean", "--if-exists"]
    run_pg([*command, "--dbname", str(config["NAME"]), str(backup)], config, f"pg_restore into {describe(config)}")


# --- SQLite --------------------------------------------------------------------------------------------------------


def sqlite_table_count(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    finally:
        connection.close()


def check_sqlite_file(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is damaged: {exc}") from exc
    finally:
        connection.close()
    if result != "ok":
        raise BackupError(f"{path} is damaged: integrity_check says {result}")


def sqlite_copy(source_path, target_path):
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def backup_sqlite(config, partial):
    source = Path(config["NAME"])
    if not source.is_file():
        raise BackupError(f"{source} does not exist: nothing to back up")
    sqlite_copy(source, partial)
    # The copy keeps the site's WAL mode; a backup is one self-contained file, with no -wal or -shm beside it.
    connection = sqlite3.connect(partial)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    check_sqlite_file(partial)


def restore_sqlite(config, backup, force):
    target = Path(config["NAME"])
    tables = sqlite_table_count(target) if target.is_file() else 0
    if tables and not force:
        raise_not_empty(config, tables)
    check_sqlite_file(backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The backup API replaces the target's whole content in one transaction (readers see the old or the new).
    sqlite_copy(backup, target)


# --- commands ------------------------------------------------------------------------------------------------------


def raise_not_empty(config, tables):
    holds = f"{tables} table" if tables == 1 else f"{tables} tables"
    raise BackupError(
        f"{describe(config)} already holds {holds}; restore into a new, empty database, "
        "or pass --force to replace its contents with the backup's"
    )


def default_backup_path(config):
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if config["ENGINE"] == SQLITE:
        return BACKUP_DIR / f"{Path(config['NAME']).stem}-{stamp}.sqlite3"
    return BACKUP_DIR / f"{config['NAME']}-{stamp}.pgdump"


def backup(output):
    config = database_config()
    target = Path(output) if output else default_backup_path(config)
    if target.exists():
        raise BackupError(f"{target} already exists; choose another --output")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    previous_umask = os.umask(0o077)  # owner-only: a backup holds password hashes and sessions
    try:
        partial.unlink(missing_ok=True)
        if config["ENGINE"] == POSTGRESQL:
            backup_postgresql(config, partial)
        else:
            backup_sqlite(config, partial)
        partial.chmod(0o600)
        partial.rename(target)
    finally:
        os.umask(previous_umask)
        partial.unlink(missing_ok=True)
    print(f"Backed up {describe(config)} to {target} ({target.stat().st_size:,} bytes)")


def backup_kind(path):
    with open(path, "rb") as handle:
        start = handle.read(len(SQLITE_MAGIC))
    if start.startswith(PG_DUMP_MAGIC):
        return POSTGRESQL
    if start == SQLITE_MAGIC:
        return SQLITE
    raise BackupError(f"{path} is not a backup made by scripts/backup (neither a pg_dump archive nor SQLite)")


def restore(backup_file, force):
    path = Path(backup_file)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    config = database_config()
    kind = backup_kind(path)
    if kind != config["ENGINE"]:
        made_by = "PostgreSQL" if kind == POSTGRESQL else "SQLite"
        raise BackupError(f"{path} is a {made_by} backup, but DATABASE_URL names a {describe(config)}")
    if kind == POSTGRESQL:
        restore_postgresql(config, path, force)
    else:
        restore_sqlite(config, path, force)
    print(f"Restored {path} into {describe(config)}")


def parse(argv):
    parser = argparse.ArgumentParser(prog="scripts/backup_restore.py")
    commands = parser.add_subparsers(dest="command", required=True)
    backup_parser = commands.add_parser(
        "backup",
        prog="scripts/backup",
        description="Back up the site's database (DATABASE_URL, or var/db.sqlite3) to one file: pg_dump's custom "
        "format for PostgreSQL, SQLite's online backup for SQLite. Safe while the site is running.",
        epilog="Run it daily and before every import or upgrade; keep copies off this machine.",
    )
    backup_parser.add_argument(
        "--output", metavar="FILE", help="where to write the backup (default: var/backups/NAME-UTCTIME.pgdump|.sqlite3)"
    )
    restore_parser = commands.add_parser(
        "restore",
        prog="scripts/restore",
        description="Restore a backup made by scripts/backup into the database DATABASE_URL names (for SQLite the "
        "file is created if it is missing). The target must be new and empty unless --force is given.",
        epilog="PostgreSQL: createdb NEWNAME, then DATABASE_URL=postgres://.../NEWNAME scripts/restore FILE.",
    )
    restore_parser.add_argument("backup_file", metavar="FILE", help="a file written by scripts/backup")
    restore_parser.add_argument(
        "--force",
        action="store_true",
        help="replace the contents of a database that already holds tables (everything since the backup is lost)",
    )
    return parser.parse_args(argv)


def main(argv=None):
    arguments = parse(argv)
    try:
        if arguments.command == "backup":
            backup(arguments.output)
        else:
            restore(arguments.backup_file, arguments.force)
    except BackupError as exc:
        print(f"{arguments.command}: error: {exc}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as exc:
        print(f"{arguments.command}: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

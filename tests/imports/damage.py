"""Helpers for the damaged-file tests: a fingerprint of every table, and a command run that returns its exit status
and one-line reason."""

import hashlib
import io

from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from imports.models import ImportRun


def table_digests() -> dict[str, str]:
    """The md5 of each table's rows, ordered by primary key: equal digests mean byte-for-byte equal tables.
    ImportRun is left out: every run, failed ones included, records itself there by design."""
    digests = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model is ImportRun or model._meta.proxy or not model._meta.managed:
                continue
            table, pk = model._meta.db_table, model._meta.pk.column
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(pk)}")  # noqa: S608 - names from models
            digest = hashlib.md5()  # noqa: S324 - a fingerprint, not security
            for row in cursor.fetchall():
                digest.update(repr(row).encode())
            digests[table] = digest.hexdigest()
    return digests


def run_command(*args) -> tuple[int, str]:
    """``import_data *args``: its exit status (CommandError exits 1) and the last run's one-line reason."""
    status = 0
    try:
        call_command("import_data", *args, stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError as error:
        status = error.returncode
    run = ImportRun.objects.order_by("-pk").first()
    reason = run.report.splitlines()[-1].removeprefix("FAILED: ") if run else ""
    return status, reason

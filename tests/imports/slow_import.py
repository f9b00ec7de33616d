"""``python -m tests.imports.slow_import COMMAND ARGS...``: runs a manage.py command (db_worker, import_data) in
which every import writes its rows, touches the file named by $SLOW_IMPORT_MARKER and then waits inside its open
transaction, to be killed there by tests/imports/test_killed_imports.py. Test-only: nothing in the site slows down."""

import os
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.imports.worker_settings")
django.setup()

from django.core.management import execute_from_command_line  # noqa: E402

from imports.registry import get_importer  # noqa: E402

ZCTA = get_importer("zcta")
write_rows = ZCTA.run


def write_rows_then_wait(self):
    write_rows(self)
    Path(os.environ["SLOW_IMPORT_MARKER"]).touch()
    time.sleep(600)


ZCTA.run = write_rows_then_wait
execute_from_command_line(["manage.py", *sys.argv[1:]])

"""kill -9 in the middle of an import, in a real worker process (db_worker) and in ``manage.py import_data``: the
next status check shows the run failed, nothing was written, and the next import starts at once.

The killed processes are real ones on the test's own database, so these tests need a database that a second
process can open: PostgreSQL (DATABASE_URL=postgres://...). SQLite's in-memory test database cannot be."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from core.roles import DATA_STEWARDS
from imports import stored_uploads
from imports.models import ImportRun
from reference_data.models import ZipCentroid
from tests.admin.conftest import make_staff
from tests.admin.test_imports_admin import CONFIRM, check, confirm_token, run_the_worker, text_of, upload

REPOSITORY = Path(__file__).resolve().parents[2]
ZCTA_FIXTURE = ("zcta", "2025_Gaz_zcta_national.txt")

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def a_database_other_processes_can_open():
    if connection.vendor != "postgresql":
        pytest.skip("needs a database a second process can open: run with DATABASE_URL=postgres://...")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def start_slow(*command, marker):
    """A manage.py command in its own process, on this test's database, whose zcta import waits after writing."""
    db = connection.settings_dict
    user = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.imports.worker_settings",
        "DATABASE_URL": f"postgres://{user}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SLOW_IMPORT_MARKER": str(marker),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.imports.slow_import", *command],
        cwd=REPOSITORY,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, what, process, seconds=90):
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, f"the process ended before {what}"
        assert time.monotonic() < deadline, f"no {what} in {seconds} s"
        time.sleep(0.2)


def kill_9(process):
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def test_kill_9_of_the_worker_mid_import(client, django_user_model, tmp_path, fixtures_dir, database_task_backend):
    steward = make_staff(django_user_model, "stew", DATA_STEWARDS)
    client.force_login(steward)
    response = check(client, "zcta", upload=upload(fixtures_dir, *ZCTA_FIXTURE))
    run_the_worker()  # the dry run, in this process
    token = confirm_token(client.get(response["Location"]).content.decode())
    job_page = client.post(CONFIRM, {"token": token})["Location"]

    marker = tmp_path / "rows-written"
    worker = start_slow("db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", marker=marker)
    try:
        wait_for(marker.exists, "rows written by the worker's import", worker)
        run = ImportRun.objects.get(outcome=ImportRun.Outcome.RUNNING)
        assert (run.owner_host, run.owner_pid) == (socket.gethostname(), worker.pid)
        first_beat = run.heartbeat_at
        wait_for(lambda: ImportRun.objects.get(pk=run.pk).heartbeat_at > first_beat, "heartbeat (every second)", worker)
        html = client.get(job_page).content.decode()
        assert 'http-equiv="refresh"' in html and "Importing the file" in html  # still running, seen from here
    finally:
        kill_9(worker)

    html = client.get(job_page).content.decode()  # the next status check
    text = text_of(html)
    assert "Failed: nothing was written" in text and 'http-equiv="refresh"' not in html
    assert f"the import process stopped unexpectedly (PID {worker.pid} on host {socket.gethostname()})" in text
    run.refresh_from_db()
    assert run.outcome == ImportRun.Outcome.FAILED and run.interrupted
    assert ZipCentroid.objects.count() == 0  # its transaction died with it
    assert run.sha256 and not (stored_uploads.storage_root() / run.sha256).exists()  # its stored upload went too
    assert "Interrupted (nothing was written)" in client.get("/admin/imports/importrun/").content.decode()

    # The next import starts at once.
    response = check(client, "zcta", upload=upload(fixtures_dir, *ZCTA_FIXTURE))
    assert response.status_code == 302
    run_the_worker()
    token = confirm_token(client.get(response["Location"]).content.decode())
    assert token, text_of(client.get(response["Location"]).content.decode())[-1500:]
    response = client.post(CONFIRM, {"token": token})
    run_the_worker()
    assert "Imported" in text_of(client.get(response["Location"]).content.decode())
    assert ZipCentroid.objects.count() > 0


def test_kill_9_of_import_data_mid_import(tmp_path, fixtures_dir):
    marker = tmp_path / "rows-written"
    source = str(fixtures_dir.joinpath(*ZCTA_FIXTURE))
    command = start_slow("import_data", "zcta", source, marker=marker)
    try:
        wait_for(marker.exists, "rows written by import_data", command)
        run = ImportRun.objects.get(outcome=ImportRun.Outcome.RUNNING)
        assert run.owner_pid == command.pid
    finally:
        kill_9(command)

    assert ImportRun.objects.running_import() is None  # the next status check
    run.refresh_from_db()
    assert run.outcome == ImportRun.Outcome.FAILED and run.interrupted
    assert re.search(rf"the import process stopped unexpectedly \(PID {command.pid} on host ", run.report)
    assert ZipCentroid.objects.count() == 0

    call_command("import_data", "zcta", source)  # starts at once
    assert ImportRun.objects.filter(outcome=ImportRun.Outcome.SUCCEEDED).count() == 1
    assert ZipCentroid.objects.count() > 0

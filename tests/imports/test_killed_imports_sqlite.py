"""The same kill -9 checks as test_killed_imports.py on the embedded default, SQLite (a file database that every
process opens, as scripts/run uses it): a killed worker and a killed import_data release the write lock, the next
status check marks their runs failed, and the next import starts at once. Everything runs in real processes."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.imports.test_killed_imports import REPOSITORY, ZCTA_FIXTURE

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path):
    """A migrated SQLite file database and the environment of every process that uses it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.imports.worker_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SLOW_IMPORT_MARKER": str(tmp_path / "rows-written"),
    }
    manage(env, "migrate", "--no-input", "-v0")
    return env


def manage(env, *command, slow=False, wait=True):
    args = ["-m", "tests.imports.slow_import"] if slow else ["manage.py"]
    if not wait:
        return subprocess.Popen([sys.executable, *args, *command], cwd=REPOSITORY, env=env)
    done = subprocess.run([sys.executable, *args, *command], cwd=REPOSITORY, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def shell(env, code):
    return manage(env, "shell", "-c", code).stdout.strip().splitlines()[-1]


def runs(env):
    with sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///")) as db:
        return db.execute(
            "SELECT outcome, interrupted, owner_pid, report FROM imports_importrun ORDER BY id"
        ).fetchall()


def kill_9_when_rows_are_written(env, process):
    deadline = time.monotonic() + 120
    while not os.path.exists(env["SLOW_IMPORT_MARKER"]):
        assert process.poll() is None and time.monotonic() < deadline, "the import did not get to its rows"
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    os.unlink(env["SLOW_IMPORT_MARKER"])


ENQUEUE = """
from pathlib import Path
from imports import admin_jobs, stored_uploads
stored = stored_uploads.store_path(Path({source!r}))
state = admin_jobs.new_job(dataset="zcta", dry_run=False, user=None, source_label="the fixture", stored=stored)
admin_jobs.start(state)
print(state.id)
"""
JOB_STATUS = """
from imports import admin_jobs
state = admin_jobs.settle(admin_jobs.load_state({job!r}))
print(state.status)
"""


def test_kill_9_of_import_data_and_of_the_worker_on_sqlite(site, fixtures_dir):
    source = str(fixtures_dir.joinpath(*ZCTA_FIXTURE))
    command = manage(site, "import_data", "zcta", source, slow=True, wait=False)
    kill_9_when_rows_are_written(site, command)
    assert [run[:3] for run in runs(site)] == [("running", 0, command.pid)]
    # The next import: its status check marks the dead run failed, and it runs at once.
    done = manage(site, "import_data", "zcta", source)
    assert f"the import process stopped unexpectedly (PID {command.pid} on host" in done.stderr
    assert [run[:2] for run in runs(site)] == [("failed", 1), ("succeeded", 0)]

    job = shell(site, ENQUEUE.format(source=source))
    worker = manage(site, "db_worker", "--no-reload", "--no-startup-delay", slow=True, wait=False)
    kill_9_when_rows_are_written(site, worker)
    assert runs(site)[-1][:3] == ("running", 0, worker.pid)
    assert shell(site, JOB_STATUS.format(job=job)) == "finished"  # the job's page: over, showing its failed run
    outcome, interrupted, _, report = runs(site)[-1]
    assert (outcome, interrupted) == ("failed", 1)
    assert f"the import process stopped unexpectedly (PID {worker.pid} on host" in report
    # The next import starts at once, in a worker that runs what is queued and stops.
    job = shell(site, ENQUEUE.format(source=source))
    manage(site, "db_worker", "--batch", "--no-reload", "--no-startup-delay")
    assert shell(site, JOB_STATUS.format(job=job)) == "finished"
    assert runs(site)[-1][:2] == ("succeeded", 0)

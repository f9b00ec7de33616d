"""A run whose process is gone is marked failed the next time anyone asks whether an import is running, and the
database lets only one import run at a time (imports/run_liveness.py, ImportRun.objects.mark_dead_runs_failed)."""

import datetime
import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from imports import run_liveness
from imports.models import AnotherImportRunning, ImportRun
from imports.services import run_import
from tests import factories

HOST = run_liveness.this_host()


def running_run(**fields):
    return factories.ImportRunFactory(outcome=ImportRun.Outcome.RUNNING, heartbeat_at=timezone.now(), **fields)


def ended_process_pid():
    """The PID of a process that has ended and been reaped."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.django_db
class TestOnThisHost:
    def test_a_run_whose_process_is_gone_is_marked_failed_and_says_so(self):
        pid = ended_process_pid()
        run = running_run(owner_host=HOST, owner_pid=pid)
        assert ImportRun.objects.running_import() is None
        run.refresh_from_db()
        assert run.outcome == ImportRun.Outcome.FAILED and run.interrupted and run.finished_at
        assert f"FAILED: the import process stopped unexpectedly (PID {pid} on host {HOST})" in run.report

    def test_a_run_whose_process_lives_stays_running(self):
        run = running_run(owner_host=HOST, owner_pid=os.getpid())
        assert ImportRun.objects.running_import() == run
        run.refresh_from_db()
        assert run.outcome == ImportRun.Outcome.RUNNING and not run.interrupted

    def test_a_live_process_keeps_its_run_even_with_an_old_heartbeat(self, settings):
        # On its own host the operating system answers exactly; a slow import (or SQLite's write lock holding
        # the heartbeat back) is not a dead one. (Its last heartbeat is after this process started, as it must be.)
        settings.IMPORT_RUN_STALE_AFTER = datetime.timedelta(seconds=1)
        run = running_run(owner_host=HOST, owner_pid=os.getpid())
        _, this_process_started = run_liveness._process_stat(os.getpid())
        assert timezone.now() - this_process_started > datetime.timedelta(seconds=2)
        ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=this_process_started + datetime.timedelta(seconds=1))
        ImportRun.objects.mark_dead_runs_failed()
        run.refresh_from_db()
        assert run.outcome == ImportRun.Outcome.RUNNING

    def test_a_killed_process_not_yet_reaped_is_gone(self):
        process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        try:
            run = running_run(owner_host=HOST, owner_pid=process.pid)
            assert ImportRun.objects.running_import() == run
            process.kill()
            deadline = timezone.now() + datetime.timedelta(seconds=10)
            while run_liveness._process_stat(process.pid)[0] != "Z" and timezone.now() < deadline:
                pass  # the kernel makes it a zombie: it stays in the process table until its parent waits
            assert ImportRun.objects.running_import() is None
            run.refresh_from_db()
            assert run.outcome == ImportRun.Outcome.FAILED and run.interrupted
        finally:
            process.kill()
            process.wait()

    def test_a_reused_pid_is_not_the_owner(self):
        # This process started long after the run's last sign of life: it only has the dead owner's number.
        run = running_run(owner_host=HOST, owner_pid=os.getpid())
        ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(days=400))
        ImportRun.objects.mark_dead_runs_failed()
        run.refresh_from_db()
        assert run.outcome == ImportRun.Outcome.FAILED


@pytest.mark.django_db
class TestFromAnotherHost:
    def test_a_stale_heartbeat_is_a_dead_run(self, settings):
        settings.IMPORT_RUN_STALE_AFTER = datetime.timedelta(minutes=2)
        run = running_run(owner_host="worker-2.internal", owner_pid=4321)
        ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=3))
        assert ImportRun.objects.running_import() is None
        run.refresh_from_db()
        assert run.outcome == ImportRun.Outcome.FAILED and run.interrupted
        assert "the import process stopped unexpectedly (PID 4321 on host worker-2.internal: no heartbeat" in run.report

    def test_a_fresh_heartbeat_is_a_live_run(self, settings):
        settings.IMPORT_RUN_STALE_AFTER = datetime.timedelta(minutes=2)
        run = running_run(owner_host="worker-2.internal", owner_pid=4321)
        ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=30))
        assert ImportRun.objects.running_import() == run


@pytest.mark.django_db
class TestQueuedImports:
    def test_a_confirmed_import_no_worker_took_up_stops_blocking(self, settings):
        settings.IMPORT_RUN_STALE_AFTER = datetime.timedelta(minutes=2)
        run = running_run(task_id="0f0e5d6c-0000-4000-8000-000000000000")  # claimed, no owner yet
        assert ImportRun.objects.running_import() == run
        ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(minutes=5))
        assert ImportRun.objects.running_import() is None
        run.refresh_from_db()
        assert "no import worker started it within 2 minutes; is manage.py db_worker running?" in run.report
        # The worker that finally picks it up does not start it behind the steward's back.
        with pytest.raises(Exception, match="this import was stopped before it began"):
            ImportRun.objects.start(dataset="oews", source="x", claimed=run)

    def test_a_task_the_worker_reports_failed_fails_its_run(self, database_task_backend):
        from django_tasks_db.models import DBTaskResult

        from imports.tasks import run_admin_import_job

        result = run_admin_import_job.enqueue("0" * 32)
        run = running_run(task_id=result.id, owner_host="worker-2.internal", owner_pid=4321)
        assert ImportRun.objects.running_import() == run
        DBTaskResult.objects.filter(id=result.id).update(status="FAILED")
        assert ImportRun.objects.running_import() is None
        run.refresh_from_db()
        assert "the import task failed in the worker" in run.report and run.interrupted


@pytest.mark.django_db
class TestOneImportAtATime:
    def test_the_database_refuses_a_second_running_run(self):
        running_run()
        factories.ImportRunFactory(outcome=ImportRun.Outcome.SUCCEEDED)  # finished runs do not count
        with pytest.raises(IntegrityError), transaction.atomic():
            factories.ImportRunFactory(outcome=ImportRun.Outcome.RUNNING)
        assert ImportRun.objects.running().count() == 1

    def test_a_second_import_is_refused_with_a_clear_message(self, fixtures_dir):
        busy = running_run(owner_host=HOST, owner_pid=os.getpid())
        with pytest.raises(AnotherImportRunning, match="Another import is running") as refused:
            run_import("ipeds-hd", fixtures_dir / "ipeds-hd" / "hd2024.csv")
        assert refused.value.running == busy
        assert ImportRun.objects.count() == 1

    def test_the_command_says_another_import_is_running(self, fixtures_dir):
        running_run(owner_host=HOST, owner_pid=os.getpid())
        with pytest.raises(CommandError, match="Another import is running .*; try again when it has finished"):
            call_command("import_data", "ipeds-hd", str(fixtures_dir / "ipeds-hd" / "hd2024.csv"))

    def test_the_command_clears_a_dead_run_and_imports_at_once(self, fixtures_dir):
        dead = running_run(owner_host=HOST, owner_pid=ended_process_pid())
        err = io.StringIO()
        call_command("import_data", "ipeds-hd", str(fixtures_dir / "ipeds-hd" / "hd2024.csv"), stdout=io.StringIO(),
                     stderr=err)  # fmt: skip
        dead.refresh_from_db()
        assert f"Marked failed: {dead}: FAILED: the import process stopped unexpectedly (PID {dead.owner_pid}" in (
            err.getvalue()
        )
        run = ImportRun.objects.exclude(pk=dead.pk).get()
        assert run.outcome == ImportRun.Outcome.SUCCEEDED
        assert (run.owner_host, run.owner_pid) == (HOST, os.getpid())

    def test_when_the_read_misses_a_racing_run_the_constraint_decides(self, monkeypatch):
        # Two requests read "nothing running" at the same moment; the second insert meets the first's row.
        running_run()
        monkeypatch.setattr(ImportRun.objects._queryset_class, "first", lambda self: None)
        with pytest.raises(AnotherImportRunning):
            ImportRun.objects.start(dataset="oews", source="x")
        assert ImportRun.objects.running().count() == 1

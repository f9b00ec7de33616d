"""Whether the process that owns a running import is still there, and the heartbeat that says so to other hosts.

A run records its owner (host name and PID) and a heartbeat time. Anyone who asks whether an import is running
(``ImportRun.objects.mark_dead_runs_failed()``) first marks failed every run whose owner is gone, so a ``kill -9``,
a crash or a deploy never leaves a run "running" to block the next import:

- on the owner's own host the operating system answers exactly: the PID is gone, a zombie, or a newer process that
  reused the number (it started after the run's last heartbeat);
- from another host only the heartbeat can answer: older than IMPORT_RUN_STALE_AFTER means gone.

The heartbeat is written by a small thread on its own database connection, because the import's own connection is
inside the import's transaction, where nothing it writes is seen by others until the end. (On SQLite the import
holds the database's only write lock, so heartbeats wait until it commits: with SQLite every process is on one
host, where the PID check needs no heartbeat.)
"""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

# /proc gives a process's start time to 1/100 s, and the boot time only to the second.
START_TIME_TOLERANCE = timedelta(seconds=2)


def this_host() -> str:
    return socket.gethostname()[:255]


def _process_stat(pid: int) -> tuple[str, datetime] | None:
    """The state letter and start time of a process, from Linux's /proc; None elsewhere or when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(line for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime "))
    except (OSError, StopIteration):
        return None
    fields = stat.rsplit(")", 1)[1].split()  # the command name (in brackets) may hold spaces
    state, start_ticks = fields[0], int(fields[19])
    started = int(boot.split()[1]) + start_ticks / os.sysconf("SC_CLK_TCK")
    return state, datetime.fromtimestamp(started, tz=timezone.get_current_timezone())


def process_is_alive(pid: int | None, *, seen_alive_at: datetime | None = None) -> bool:
    """Whether process ``pid`` of this host runs, and is the one seen alive at ``seen_alive_at`` (a process that
    started later only reused its number)."""
    if not pid or pid <= 0:  # kill(0) would signal our own process group
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    stat = _process_stat(pid)
    if stat is None:
        return True
    state, started = stat
    if state in ("Z", "X"):  # killed, not yet reaped by its parent
        return False
    return seen_alive_at is None or started <= seen_alive_at + START_TIME_TOLERANCE


def task_status(task_id: str) -> str | None:
    """The tasks framework's own state of a task (READY, RUNNING, FAILED, SUCCESSFUL), where the backend keeps one."""
    from django.tasks import default_task_backend
    from django.tasks.exceptions import TaskResultDoesNotExist

    if not task_id or not default_task_backend.supports_get_result:
        return None
    try:
        return default_task_backend.get_result(task_id).status
    except (TaskResultDoesNotExist, DatabaseError, ImportError):
        return None


def why_dead(run, *, now: datetime) -> str | None:
    """Why a run marked running has no live process behind it, or None while it may still be running."""
    stale_before = now - settings.IMPORT_RUN_STALE_AFTER
    last_sign = run.heartbeat_at or run.started_at
    status = task_status(run.task_id)
    if status == "FAILED":
        return "the import task failed in the worker (see the worker's log)"
    if status == "SUCCESSFUL":
        return "the import task ended without finishing its run"
    if run.owner_pid:
        owner = f"PID {run.owner_pid} on host {run.owner_host}"
        if run.owner_host == this_host():
            if not process_is_alive(run.owner_pid, seen_alive_at=last_sign):
                return f"the import process stopped unexpectedly ({owner})"
        elif last_sign < stale_before:
            return f"the import process stopped unexpectedly ({owner}: no heartbeat since {last_sign:%H:%M:%S})"
        return None
    if last_sign < stale_before:
        if run.task_id:
            minutes = settings.IMPORT_RUN_STALE_AFTER.total_seconds() / 60
            return f"no import worker started it within {minutes:g} minutes; is manage.py db_worker running?"
        return "the import process stopped unexpectedly (no sign of life since it started)"
    return None


class Heartbeat(threading.Thread):
    """Writes ``heartbeat_at`` on a running run every IMPORT_RUN_HEARTBEAT_INTERVAL, from its own connection, until
    the run is over or the thread that runs the import is gone."""

    def __init__(self, run):
        super().__init__(name=f"import-run-{run.pk}-heartbeat", daemon=True)
        self.import_run = run
        self.importing_thread = threading.current_thread()

    def run(self):
        model, interval = type(self.import_run), settings.IMPORT_RUN_HEARTBEAT_INTERVAL.total_seconds()
        try:
            while True:
                threading.Event().wait(interval)
                if self.import_run.outcome != model.Outcome.RUNNING or not self.importing_thread.is_alive():
                    return
                try:
                    model.objects.filter(
                        pk=self.import_run.pk, outcome=model.Outcome.RUNNING, owner_pid=os.getpid()
                    ).update(heartbeat_at=timezone.now())
                except DatabaseError as error:  # e.g. SQLite's write lock, held by the import: try again later
                    logger.debug("heartbeat of import run %s not written: %s", self.import_run.pk, error)
        finally:
            connections.close_all()  # this thread's own connection

"""Imports started from the admin: the job the worker runs (the stored file and its token: imports/stored_uploads.py).

A data steward uploads a file (or gives its address, which the job downloads). The file is kept under
MEDIA_ROOT/imports/<sha256>/<its own name> (the name carries the vintage, e.g. hd2024.csv), so the real import
runs on exactly the bytes the dry run checked, without a second upload. A signed token names the stored file and
the options of the dry run; it expires after ADMIN_IMPORT_CONFIRM_MAX_AGE. A stored file is removed as soon as
nothing can confirm it any more: when its real import ends (succeeded or failed), when its dry run fails, and when
its dry run expires (``delete_stale_files``, run at every import request and by the worker).

Each job is a task (imports/tasks.py) that `manage.py db_worker` runs, because a large file takes longer than a
proxy waits for a response, and an import must outlive a web worker's recycle. The job writes its progress to a
small JSON file (MEDIA_ROOT/imports/jobs/<id>.json) that the progress page reads: every web process sees it, and
reading it writes nothing to the database (on SQLite an import holds the write lock until it commits). The import
itself is atomic: a process that dies mid-import leaves the tables as they were, and its run is marked failed the
next time anyone looks (imports/run_liveness.py).
"""

import json
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from . import run_liveness
from .models import ImportRun, RunRefused
from .stored_uploads import (
    ImportRequest,
    StoredFile,
    _ensure,
    delete_stale_files,
    storage_root,
    store_path,
)

logger = logging.getLogger(__name__)

JOB_ID = re.compile(r"[0-9a-f]{32}")
PROGRESS_WRITE_INTERVAL_SECONDS = 1.0


# ---------------------------------------------------------------------------------------------------------------
# Jobs


@dataclass
class JobState:
    id: str
    dataset: str
    dry_run: bool
    user_id: int | None
    source_label: str
    period: str = ""
    max_rejects: int = 0
    url: str = ""
    file: dict | None = None  # StoredFile fields, once the file is stored
    status: str = "waiting"  # waiting (for the worker), downloading, running, finished, failed
    done: int = 0
    total: int | None = None
    run_id: int | None = None  # its ImportRun, from the moment it holds the one running slot
    error: str = ""
    started_at: str = field(default_factory=lambda: timezone.now().isoformat())
    owner_host: str = ""  # the worker process running it, once it has started
    owner_pid: int | None = None

    @property
    def is_over(self):
        return self.status in ("finished", "failed")

    @property
    def percent(self):
        if not self.total:
            return None
        return max(0, min(100, int(100 * self.done / self.total)))

    @property
    def stored(self) -> StoredFile | None:
        return StoredFile(**self.file) if self.file else None


def _state_path(job_id: str) -> Path:
    return storage_root() / "jobs" / f"{job_id}.json"


def save_state(state: JobState):
    path = _state_path(state.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(asdict(state)))
    os.replace(temporary, path)  # readers never see half a file


def load_state(job_id: str) -> JobState | None:
    if not JOB_ID.fullmatch(job_id or ""):
        return None
    try:
        data = json.loads(_state_path(job_id).read_text())
        return JobState(**data)
    except (OSError, ValueError, TypeError):
        return None


def seconds_since_update(job_id: str) -> float:
    try:
        return time.time() - _state_path(job_id).stat().st_mtime
    except OSError:
        return float("inf")


def task_id_of(job_id: str) -> str:
    """The task that runs a job. Kept beside the state, not in it: the web process writes it after enqueueing, when
    the worker may already be writing the state."""
    try:
        return _state_path(job_id).with_suffix(".task").read_text().strip()
    except OSError:
        return ""


def running_import():
    """The import running now, if any; a run whose process is gone is marked failed first (run_liveness)."""
    return ImportRun.objects.running_import()


def new_job(*, dataset, dry_run, user, source_label, period="", max_rejects=0, url="", stored=None) -> JobState:
    state = JobState(
        id=uuid.uuid4().hex,
        dataset=dataset,
        dry_run=dry_run,
        user_id=getattr(user, "pk", None),
        source_label=source_label,
        period=period or "",
        max_rejects=max_rejects,
        url=url,
        file=asdict(stored) if stored else None,
    )
    save_state(state)
    return state


def claim_import(*, request: ImportRequest, user) -> JobState:
    """The job of a confirmed dry run, holding the one running slot from now on: three tabs confirming at once start
    one import, and the others hear AnotherImportRunning (the database's one_running_import constraint decides)."""
    run = ImportRun.objects.start(
        dataset=request.dataset,
        source=request.source or f"uploaded in the admin: {request.name}",
        started_by=user,
        owned=False,  # the worker takes it up (ImportRun.objects.start(claimed=...))
    )
    state = new_job(
        dataset=request.dataset,
        dry_run=False,
        user=user,
        source_label=run.source,
        period=request.period,
        max_rejects=request.max_rejects,
        stored=request.stored,
    )
    state.run_id = run.pk
    save_state(state)
    return state


def start(state: JobState):
    """Queue the job for the worker (db_worker), or, with the immediate backend of the tests, run it now."""
    from .tasks import run_admin_import_job

    result = run_admin_import_job.enqueue(state.id)
    _state_path(state.id).with_suffix(".task").write_text(result.id)
    if state.run_id:
        ImportRun.objects.filter(pk=state.run_id, task_id="").update(task_id=result.id)
    return result


def settle(state: JobState) -> JobState:
    """The job as it stands: one whose process is gone is failed, saying so (it never stays "running")."""
    if state.is_over:
        return state
    ImportRun.objects.mark_dead_runs_failed()
    run = ImportRun.objects.filter(pk=state.run_id).first() if state.run_id else None
    error = ""
    if run is not None and run.outcome != ImportRun.Outcome.RUNNING:
        state.status = "finished"  # by another process's hand: the page shows the run's outcome and report
    elif run is None and run_liveness.task_status(task_id_of(state.id)) == "FAILED":
        error = "the import task failed in the worker (see the worker's log); nothing was imported"
    elif run is None and state.owner_pid:
        owner = f"PID {state.owner_pid} on host {state.owner_host}"
        if state.owner_host == run_liveness.this_host():
            gone = not run_liveness.process_is_alive(state.owner_pid)
        else:
            gone = seconds_since_update(state.id) > settings.IMPORT_RUN_STALE_AFTER.total_seconds()
        if gone:
            error = f"the import process stopped unexpectedly ({owner}); nothing was imported"
    if error:
        state.status, state.error = "failed", error
    if state.is_over:
        save_state(state)
        delete_stale_files()
    return state


def waiting_for_a_worker(state: JobState) -> bool:
    """A job no worker has taken up for a while: is manage.py db_worker running?"""
    return (
        state.status == "waiting" and seconds_since_update(state.id) > settings.IMPORT_RUN_STALE_AFTER.total_seconds()
    )


class _Progress:
    """The importer's progress callback: writes the job's state file at most once a second."""

    def __init__(self, state: JobState):
        self.state = state
        self.last_write = 0.0

    def __call__(self, done, total=None):
        self.state.done, self.state.total = int(done or 0), (int(total) if total else None)
        now = time.monotonic()
        if now - self.last_write >= PROGRESS_WRITE_INTERVAL_SECONDS:
            self.last_write = now
            save_state(self.state)


def run_job(state: JobState):
    """Download the file if the job has an address, then import it (dry run or real), recording the outcome.

    Runs in the worker (imports.tasks). The stored file goes as soon as nothing can confirm it: after a real import
    (succeeded or failed) and after a failed dry run."""
    from django.contrib.auth import get_user_model

    from . import services  # the importers (imports.services.run_import)
    from .importers.base import ImportFailed

    progress = _Progress(state)
    user = get_user_model().objects.filter(pk=state.user_id).first() if state.user_id else None
    state.owner_host, state.owner_pid = run_liveness.this_host(), os.getpid()
    run = None
    try:
        if state.url and not state.file:
            state.status = "downloading"
            save_state(state)
            with tempfile.TemporaryDirectory(dir=_ensure(storage_root()), prefix=".download-") as folder:
                downloaded = services.download(
                    state.url,
                    Path(folder),
                    progress=progress,
                    public_only=not settings.IMPORT_ALLOW_PRIVATE_ADDRESSES,
                )
                state.file = asdict(store_path(downloaded))
        claimed = ImportRun.objects.filter(pk=state.run_id).first() if state.run_id else None
        if claimed is None:  # a dry run takes the one running slot now (a confirmation took it when confirmed)
            claimed = ImportRun.objects.start(
                dataset=state.dataset, source=state.source_label, started_by=user, owned=False
            )
            state.run_id = claimed.pk
        # The file on the run from the start, so a run that dies is matched to its stored file (delete_stale_files).
        ImportRun.objects.filter(pk=claimed.pk).update(file_name=state.stored.name, sha256=state.stored.sha256)
        state.status, state.done, state.total = "running", 0, None
        save_state(state)
        run = services.run_import(
            state.dataset,
            state.stored.path,
            dry_run=state.dry_run,
            max_rejects=state.max_rejects,
            period=state.period or None,
            user=user,
            progress=progress,
            claimed=claimed,
        )
        # Name the source as the steward gave it, not the server's copy.
        ImportRun.objects.filter(pk=run.pk).update(source=state.source_label)
        state.status = "finished"  # the page shows the run's own outcome and report
    except RunRefused as error:
        state.status, state.error = "failed", f"{error}; nothing was imported"
    except ImportFailed as error:
        state.status, state.error = "failed", str(error)
    except Exception as error:  # the steward sees a message; the traceback goes to the log
        logger.exception("admin import job %s failed", state.id)
        state.status, state.error = "failed", f"unexpected error ({error.__class__.__name__}); nothing was imported"
    if state.stored and _nothing_can_confirm(state, run):
        shutil.rmtree(state.stored.path.parent, ignore_errors=True)
    save_state(state)
    return state


def _nothing_can_confirm(state: JobState, run: ImportRun | None) -> bool:
    if not state.dry_run:
        return run is not None  # imported once, or failed: a confirmation runs once (one refused may try again)
    return run is None or run.outcome == ImportRun.Outcome.FAILED  # only a clean dry run offers a confirmation

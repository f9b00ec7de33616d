"""Imports started from the admin: the stored file, the signed token that names it, and the background job.

A data steward uploads a file (or gives its address, which the job downloads). The file is kept under
MEDIA_ROOT/imports/<sha256>/<its own name> (the name carries the vintage, e.g. hd2024.csv), so the real import
runs on exactly the bytes the dry run checked, without a second upload. A signed token names the stored file and
the options of the dry run; it expires after ADMIN_IMPORT_CONFIRM_MAX_AGE.

Each run happens in a background thread of the web process, because a large file takes longer than a proxy waits
for a response. The thread writes its progress to a small JSON file (MEDIA_ROOT/imports/jobs/<id>.json) that the
progress page reads: every web worker on the machine sees it, and reading it writes nothing to the database (on
SQLite an import holds the write lock until it commits). The import itself is atomic: a process that dies
mid-import leaves the tables as they were.
"""

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db import connections
from django.utils import timezone

from .files import safe_file_name
from .files import sha256_of as sha256_of_file
from .models import ImportRun

logger = logging.getLogger(__name__)

TOKEN_SALT = "imports.admin.stored-file"  # noqa: S105 - a signing namespace, not a secret
JOB_ID = re.compile(r"[0-9a-f]{32}")
SHA256 = re.compile(r"[0-9a-f]{64}")
# A job whose state file has not changed for this long is taken to have died with its process.
STALLED_AFTER_SECONDS = 30 * 60
PROGRESS_WRITE_INTERVAL_SECONDS = 1.0
MAX_UPLOAD_BYTES = 2 * 1024**3
# A run still marked "running" after this long died with its process (imports take minutes, not hours).
RUNNING_FOR_AT_MOST_HOURS = 6


class StoredFileError(Exception):
    """A token that is invalid or expired, or names a file that is gone or changed."""


def storage_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


# ---------------------------------------------------------------------------------------------------------------
# Stored files


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    name: str

    @property
    def path(self) -> Path:
        return storage_root() / self.sha256 / self.name


def store_chunks(chunks, name) -> StoredFile:
    """Write an upload (an iterable of bytes) under its SHA-256; the same file stored twice is kept once."""
    root = storage_root()
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=root, prefix=".upload-", delete=False) as out:
        try:
            for chunk in chunks:
                size += len(chunk)
                if size > MAX_UPLOAD_BYTES:
                    raise StoredFileError("the file is larger than 2 GB")
                digest.update(chunk)
                out.write(chunk)
        except BaseException:
            out.close()
            os.unlink(out.name)
            raise
    stored = StoredFile(digest.hexdigest(), safe_file_name(name))
    stored.path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(out.name, stored.path)
    return stored


def store_path(path: Path) -> StoredFile:
    with open(path, "rb") as source:
        return store_chunks(iter(lambda: source.read(1 << 20), b""), path.name)


def delete_stale_files(*, now=None):
    """Remove stored files older than the confirmation window (nobody can confirm them any more)."""
    root = storage_root()
    if not root.is_dir():
        return 0
    cutoff = (now or time.time()) - settings.ADMIN_IMPORT_CONFIRM_MAX_AGE.total_seconds()
    removed = 0
    for folder in root.iterdir():
        if folder.is_dir() and SHA256.fullmatch(folder.name) and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    jobs = root / "jobs"
    if jobs.is_dir():
        for state in jobs.glob("*.json"):
            if state.stat().st_mtime < cutoff:
                state.unlink(missing_ok=True)
    return removed


@dataclass(frozen=True)
class ImportRequest:
    """What to import and how: the dry run's choices, carried to the real run by a signed token."""

    dataset: str
    sha256: str
    name: str
    period: str = ""
    max_rejects: int = 0
    source: str = ""  # as the steward gave it: the upload's name or the download address

    @property
    def stored(self) -> StoredFile:
        return StoredFile(self.sha256, self.name)


def make_token(request: ImportRequest) -> str:
    return signing.dumps(asdict(request), salt=TOKEN_SALT, compress=True)


def read_token(token: str, *, check_file=True) -> ImportRequest:
    """The import a token names, after checking its signature, its age and the file's SHA-256."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=settings.ADMIN_IMPORT_CONFIRM_MAX_AGE.total_seconds())
        request = ImportRequest(**data)
    except signing.SignatureExpired:
        raise StoredFileError("this dry run is too old to confirm; upload the file and check it again") from None
    except (signing.BadSignature, TypeError, ValueError):
        raise StoredFileError("this confirmation link is not valid; upload the file and check it again") from None
    if not SHA256.fullmatch(request.sha256) or request.name != safe_file_name(request.name):
        raise StoredFileError("this confirmation link is not valid; upload the file and check it again")
    if check_file:
        path = request.stored.path
        if not path.is_file() or sha256_of_file(path) != request.sha256:
            raise StoredFileError("the checked file is no longer on the server; upload it and check it again")
    return request


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
    status: str = "waiting"  # waiting, downloading, running, finished, failed
    done: int = 0
    total: int | None = None
    run_id: int | None = None
    error: str = ""
    started_at: str = field(default_factory=lambda: timezone.now().isoformat())

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
    temporary = path.with_suffix(".tmp")
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


def is_stalled(state: JobState) -> bool:
    return not state.is_over and seconds_since_update(state.id) > STALLED_AFTER_SECONDS


def running_cutoff():
    """Runs still marked running that started before this died with their process."""
    return timezone.now() - timedelta(hours=RUNNING_FOR_AT_MOST_HOURS)


def running_import():
    """An import that is running now (started in the last few hours and not finished), if any."""
    return ImportRun.objects.filter(outcome=ImportRun.Outcome.RUNNING, started_at__gte=running_cutoff()).first()


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


def start(state: JobState):
    """Run the job: in a background thread (ADMIN_IMPORT_IN_BACKGROUND), else right away in this request."""
    if settings.ADMIN_IMPORT_IN_BACKGROUND:
        thread = threading.Thread(target=_run_in_thread, args=(state,), name=f"admin-import-{state.id}", daemon=True)
        thread.start()
        return thread
    run_job(state)
    return None


def _run_in_thread(state: JobState):
    try:
        run_job(state)
    finally:
        connections.close_all()  # this thread's own database connection


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
    """Download the file if the job has an address, then import it (dry run or real), recording the outcome."""
    from django.contrib.auth import get_user_model

    from . import services  # the importers (imports.services.run_import)
    from .importers.base import ImportFailed

    progress = _Progress(state)
    user = get_user_model().objects.filter(pk=state.user_id).first() if state.user_id else None
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
        )
        # Name the source as the steward gave it, not the server's copy.
        ImportRun.objects.filter(pk=run.pk).update(source=state.source_label)
        state.run_id, state.status = run.pk, "finished"
        if not state.dry_run and run.outcome == ImportRun.Outcome.SUCCEEDED:
            shutil.rmtree(state.stored.path.parent, ignore_errors=True)
    except ImportFailed as error:
        state.status, state.error = "failed", str(error)
    except Exception as error:  # the steward sees a message; the traceback goes to the log
        logger.exception("admin import job %s failed", state.id)
        state.status, state.error = "failed", f"unexpected error ({error.__class__.__name__}); nothing was imported"
    save_state(state)
    return state


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder

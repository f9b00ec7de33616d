"""Files uploaded for an admin import: kept under MEDIA_ROOT/imports/<sha256>/<its own name> so the real import runs on
exactly the bytes its dry run checked, the signed token that names one, and their removal once nothing can confirm
them (``delete_stale_files``). The jobs that import them are in imports/admin_jobs.py."""

import hashlib
import os
import re
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core import signing

from .files import safe_file_name
from .files import sha256_of as sha256_of_file
from .models import ImportRun

TOKEN_SALT = "imports.admin.stored-file"  # noqa: S105 - a signing namespace, not a secret
SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_UPLOAD_BYTES = 2 * 1024**3


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
    """Remove the stored files nobody can confirm any more: older than the confirmation window, or stored before
    their latest run ended as a failure or a real import (a confirmation runs on a stored file once; the same file
    uploaded again afterwards is kept for its new dry run). Also old job states."""
    root = storage_root()
    if not root.is_dir():
        return 0
    cutoff = (now or time.time()) - settings.ADMIN_IMPORT_CONFIRM_MAX_AGE.total_seconds()
    folders = [f for f in root.iterdir() if f.is_dir() and SHA256.fullmatch(f.name)]
    ended_at = {}  # sha256 -> when its latest run ended, if that run leaves nothing to confirm
    latest_runs = ImportRun.objects.filter(sha256__in=[f.name for f in folders]).order_by("started_at")
    for sha256, outcome, finished_at in latest_runs.values_list("sha256", "outcome", "finished_at"):
        done = outcome in (ImportRun.Outcome.FAILED, ImportRun.Outcome.SUCCEEDED) and finished_at is not None
        ended_at[sha256] = finished_at.timestamp() if done else None
    removed = 0
    for folder in folders:
        stored_at = folder.stat().st_mtime  # a new upload of the same file replaces it: the folder's time moves
        if stored_at < cutoff or (ended_at.get(folder.name) or 0) > stored_at:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    jobs = root / "jobs"
    if jobs.is_dir():
        for state in jobs.glob("*.json"):
            if state.stat().st_mtime < cutoff:
                state.unlink(missing_ok=True)
                state.with_suffix(".task").unlink(missing_ok=True)
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


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder

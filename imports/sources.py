"""Where a file comes from: a local path, an http(s) address (downloaded to a temporary folder), or a zip archive
(unpacked to a temporary folder). Either way the importer gets a local path, and the temporary copies go with the
``with`` block.

A zip member is unpacked only if its declared size is within ``IMPORT_MAX_MEMBER_BYTES``, and is streamed to disk
counting the bytes, so an archive whose header understates a member's size (a zip bomb) is stopped at the limit
without ever holding the member in memory.
"""

import tempfile
import zipfile
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings

from .importers.base import Importer
from .importers.readers import megabytes
from .importers.report import ImportFailed
from .registry import recognised_as
from .safe_download import download

MAX_UNZIPPED_BYTES = 4 * 1024**3


def is_url(source) -> bool:
    return isinstance(source, str) and urlparse(source).scheme in ("http", "https")


@contextmanager
def local_source(source, importer_class: type[Importer], *, progress=None, log=None):
    """Yield a local path for ``source``: downloads go to a temporary folder, zips are unpacked, both removed."""
    with ExitStack() as stack:
        if is_url(source):
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hcg-download-")))
            path = download(source, folder, progress=progress, log=log)
        else:
            path = Path(source).expanduser()
            if not path.exists():
                raise ImportFailed(f"{source}: no such file or folder")
        if path.is_file() and path.suffix.lower() == ".zip":
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hcg-unzip-")))
            path = unzip(path, folder, importer_class)
        if path.is_dir() and not importer_class.accepts_directory:
            raise ImportFailed(f"{path}: is a folder; give the {importer_class.dataset} file itself")
        yield path


def unzip(archive: Path, folder: Path, importer_class: type[Importer]) -> Path:
    """Unpack the member(s) the importer needs; member paths are flattened so nothing lands outside ``folder``."""
    limit = settings.IMPORT_MAX_MEMBER_BYTES
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and not Path(m.filename).name.startswith(".")]
            if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
                raise ImportFailed(f"{archive.name}: the archive unpacks to more than 4 GB")
            if importer_class.accepts_directory:
                target = folder / archive.stem
                target.mkdir()
                for member in members:
                    _extract(zf, member, target / Path(member.filename).name, archive.name, limit)
                return target
            wanted = [m for m in members if recognised_as(Path(m.filename).name) == importer_class.dataset]
            if not wanted:
                wanted = [m for m in members if Path(m.filename).suffix.lower() in (".csv", ".txt", ".xlsx")]
            if len(wanted) != 1:
                names = ", ".join(Path(m.filename).name for m in members) or "nothing"
                raise ImportFailed(f"{archive.name}: cannot tell which file to import (it holds: {names})")
            target = folder / Path(wanted[0].filename).name
            _extract(zf, wanted[0], target, archive.name, limit)
            return target
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise ImportFailed(f"{archive.name}: not a readable zip archive ({exc})") from None


def _extract(zf: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, archive_name: str, limit: int):
    too_big = (
        f"{archive_name}: {member.filename} unpacks to more than {megabytes(limit)} (IMPORT_MAX_MEMBER_BYTES); "
        "nothing was read"
    )
    if member.file_size > limit:
        raise ImportFailed(too_big)
    written = 0
    with zf.open(member) as source, open(target, "wb") as out:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > limit:
                raise ImportFailed(too_big)
            out.write(chunk)

"""Running imports: one file (``run_import``) or a whole data folder (``import_directory``).

Every run writes an ``ImportRun`` row, whatever happens: the dataset's own writes happen inside one transaction
that is rolled back when the file is bad or for a dry run, while the ``ImportRun`` row is saved outside it.
The management commands and (later) the admin call these functions; they print nothing themselves.
"""

import hashlib
import http.client
import ipaddress
import logging
import os
import re
import resource
import socket
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urlparse
from urllib.request import Request

from django.db import connection, transaction
from django.utils import timezone

from .importers.base import Importer, ImportFailed
from .models import ImportRun
from .registry import IMPORTERS, get_importer

logger = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]
Log = Callable[[str], None]

USER_AGENT = "healthcare-careers-guide-importer/1.0"
DOWNLOAD_TIMEOUT_SECONDS = 60
MAX_UNZIPPED_BYTES = 4 * 1024**3


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def run_import(
    dataset: str,
    source,
    *,
    dry_run: bool = False,
    max_rejects: int = 0,
    period: str | None = None,
    user=None,
    progress: Progress | None = None,
    log: Log | None = None,
    claimed: ImportRun | None = None,
) -> ImportRun:
    """Import one file (a local path or an http(s) address) into ``dataset``; return its ``ImportRun``.

    Atomic: a failed run leaves every table as it was. ``max_rejects`` rows may be rejected before the run fails.
    ``progress(done, total)`` is called while downloading (bytes) and importing (bytes or rows); ``total`` may be
    None when the server does not say how big a download is.
    """
    importer_class = get_importer(dataset)
    log = log or logger.info
    # One running import at a time, owned by this process (imports/models.py, run_liveness.py); raises
    # AnotherImportRunning. ``claimed``: the run an admin confirmation reserved for this import.
    run = ImportRun.objects.start(dataset=dataset, source=source, started_by=user, claimed=claimed)
    _reset_peak_memory()
    importer: Importer | None = None
    failure = None
    outcome = ImportRun.Outcome.FAILED
    try:
        with local_source(source, importer_class, progress=progress, log=log) as path:
            run.file_name = path.name
            run.sha256 = sha256_of(path)
            importer = importer_class(path, name=path.name, period=period, max_rejects=max_rejects, progress=progress)
            log(f"Importing {path.name} as {dataset}{' (dry run)' if dry_run else ''}")
            try:
                with transaction.atomic():
                    importer.run()
                    if dry_run:
                        raise _DryRun
                outcome = ImportRun.Outcome.SUCCEEDED
                refresh_planner_statistics(importer.written_models)
            except _DryRun:
                outcome = ImportRun.Outcome.DRY_RUN
    except ImportFailed as exc:
        failure = str(exc)
    except KeyboardInterrupt:
        failure = "interrupted; nothing was imported"
        _finish(run, importer, outcome, failure, dry_run)
        raise
    except Exception as exc:  # recorded on the run so staff see it; the traceback goes to the log
        logger.exception("import of %s from %s failed", dataset, source)
        failure = f"unexpected error ({exc.__class__.__name__}): {exc}; nothing was imported"
    _finish(run, importer, outcome, failure, dry_run)
    return run


def refresh_planner_statistics(models):
    """ANALYZE the tables an import wrote. After a bulk load the planner still sees the tables as they were (a few
    rows, or none) until autovacuum gets round to them, and plans the Find a School queries for that: measured by
    make bench right after a national import, the school page took 90 ms of SQL before and 3 ms after.

    On PostgreSQL outside a transaction, VACUUM as well: it marks the new rows all-visible, which the covering
    indexes of the search need to answer from the index alone. (VACUUM cannot run inside a transaction, such as a
    test's; ANALYZE alone then.)"""
    quote = connection.ops.quote_name
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    command = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        for table in sorted({model._meta.db_table for model in models}):
            cursor.execute(f"{command} {quote(table)}")


def _finish(run, importer, outcome, failure, dry_run):
    lines = []
    if importer is not None:
        run.vintage = importer.vintage[:40]
        report = importer.report
        if outcome == ImportRun.Outcome.FAILED:
            # Everything was rolled back: only the rejected and skipped rows are facts worth keeping.
            for counts in (report.counts, *report.tables.values()):
                counts.created = counts.updated = counts.unchanged = 0
        counts = report.counts
        run.created, run.updated, run.unchanged = counts.created, counts.updated, counts.unchanged
        run.skipped, run.rejected = counts.skipped, counts.rejected
        lines.append(report.render())
    if failure:
        lines.append(f"FAILED: {failure}")
    elif dry_run:
        lines.append("Dry run: nothing was written.")
    run.report = "\n".join(lines)
    run.outcome = outcome
    run.finished_at = timezone.now()
    run.peak_memory_mb = _peak_memory_mb()
    run.save()


# ---------------------------------------------------------------------------------------------------------------
# Sources: local files, downloads, zip archives


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


def download(
    url: str,
    folder: Path,
    *,
    progress: Progress | None = None,
    log: Log | None = None,
    public_only: bool = False,
) -> Path:
    """Stream ``url`` to a file in ``folder`` (named as the server names it) and return its path.

    With ``public_only`` (imports started from the admin) the server, and every server a redirect leads to, must be
    on the public internet: an address that resolves to a loopback, private, link-local, reserved or multicast
    address is refused before anything is sent to it, so the web server cannot be made to fetch from our own
    network. The check is made on the very addresses connected to (no second DNS lookup to fool), and system
    proxies are not used. The command line (``import_data SOURCE``) may download from anywhere, localhost included.
    """
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        raise ImportFailed(f"{url}: only http and https addresses can be downloaded")
    if log:
        log(f"Downloading {url}")
    request = Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - the scheme is checked above
    opener = _public_opener() if public_only else _opener()
    try:
        with opener.open(request, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:
            path = folder / _download_name(response.headers.get("Content-Disposition", ""), parsed.path)
            total = int(response.headers.get("Content-Length") or 0) or None
            done = reported = 0
            with open(path, "wb") as out:
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress and done - reported >= (1 << 20):
                        progress(done, total)
                        reported = done
            if progress:
                progress(done, total or done)
    except HTTPError as exc:
        raise ImportFailed(f"{url}: download failed: HTTP {exc.code} {exc.reason}") from exc
    except URLError as exc:
        if isinstance(exc.reason, InternalAddress):
            raise ImportFailed(f"{url}: download refused: {INTERNAL_ADDRESS_MESSAGE}") from exc
        raise ImportFailed(f"{url}: download failed: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ImportFailed(f"{url}: download failed: {reason}") from exc
    if total is not None and done != total:
        raise ImportFailed(f"{url}: download incomplete ({done:,} of {total:,} bytes)")
    return path


INTERNAL_ADDRESS_MESSAGE = "That address points inside our own network; give the publisher's public download address."


class InternalAddress(OSError):
    """A download address (or a redirect's) that resolves inside our own network. An OSError, so that urllib passes
    it on as the reason of its URLError, like any failure to connect."""


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is on the public internet: not loopback, private, link-local, reserved, multicast or
    unspecified, nor an IPv6 form (mapped, 6to4, Teredo) of such an IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        if any(inner is not None and not is_public_address(inner) for inner in embedded):
            return False
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def internal_address_of(host: str, port: int | None = None) -> str | None:
    """The first address ``host`` resolves to that is not public, or None. A host that does not resolve is not
    refused here: the download then fails with the resolver's own message."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if not is_public_address(address):
            return str(address)
    return None


def _connect_to_public_address(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """``socket.create_connection`` that resolves the host once, refuses it if any of its addresses is not public,
    and connects to the addresses it checked."""
    host, port = address
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as exc:
        raise OSError(f"{host}: not a valid host name") from exc
    for *_, sockaddr in infos:
        if not is_public_address(ipaddress.ip_address(sockaddr[0].split("%", 1)[0])):
            raise InternalAddress(f"{host} resolves to {sockaddr[0]}")
    error = None
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError(f"{host}: no address to connect to")


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_to_public_address


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_to_public_address


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib would follow one to ftp://); with ``public_only``, only
    to public ones (checked here for a clear message, and again when connecting)."""

    def __init__(self, public_only: bool):
        self.public_only = public_only

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urlparse(newurl)
        if target.scheme not in ("http", "https"):
            fp.close()
            raise ImportFailed(f"{req.full_url}: download refused: it redirects to {newurl}, not an http(s) address")
        if self.public_only and (not target.hostname or internal_address_of(target.hostname, target.port)):
            fp.close()
            raise ImportFailed(
                f"{req.full_url}: download refused: it redirects to {newurl}. {INTERNAL_ADDRESS_MESSAGE}"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener():
    return urllib.request.build_opener(_RedirectHandler(public_only=False))


def _public_opener():
    # No proxies: the addresses checked must be the ones connected to.
    opener = urllib.request.OpenerDirector()
    handlers = [
        urllib.request.ProxyHandler({}),
        urllib.request.UnknownHandler(),
        _PublicHTTPHandler(),
        _PublicHTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(public_only=True),
        urllib.request.HTTPErrorProcessor(),
    ]
    for handler in handlers:
        opener.add_handler(handler)
    return opener


def _download_name(content_disposition: str, url_path: str) -> str:
    # The file name carries the vintage (hd2024.csv, national_M2025_dl.xlsx), so keep the publisher's name.
    match = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', content_disposition, re.IGNORECASE)
    name = unquote(match.group(1)) if match else unquote(Path(url_path).name)
    name = re.sub(r"[^A-Za-z0-9._ -]", "_", Path(name).name).strip(" .")
    return name or "download"


def unzip(archive: Path, folder: Path, importer_class: type[Importer]) -> Path:
    """Unpack the member(s) the importer needs; member paths are flattened so nothing lands outside ``folder``."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and not Path(m.filename).name.startswith(".")]
            if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
                raise ImportFailed(f"{archive.name}: the archive unpacks to more than 4 GB")
            if importer_class.accepts_directory:
                target = folder / archive.stem
                target.mkdir()
                for member in members:
                    (target / Path(member.filename).name).write_bytes(zf.read(member))
                return target
            wanted = [m for m in members if _recognised_as(Path(m.filename).name) == importer_class.dataset]
            if not wanted:
                wanted = [m for m in members if Path(m.filename).suffix.lower() in (".csv", ".txt", ".xlsx")]
            if len(wanted) != 1:
                names = ", ".join(Path(m.filename).name for m in members) or "nothing"
                raise ImportFailed(f"{archive.name}: cannot tell which file to import (it holds: {names})")
            target = folder / Path(wanted[0].filename).name
            target.write_bytes(zf.read(wanted[0]))
            return target
    except zipfile.BadZipFile as exc:
        raise ImportFailed(f"{archive.name}: not a readable zip archive ({exc})") from exc


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode())
        with open(file, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------------------------
# A whole data folder


@dataclass
class DataFile:
    dataset: str
    path: Path
    sort_key: tuple = ()


@dataclass
class DataPlan:
    files: list[DataFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


OEWS_KIND_ORDER = (("national", 0), ("state", 1), ("msa", 2), ("metro", 2), ("bos", 3), ("nonmetro", 3))
SUBSET_OF_CIP_FAMILIES = re.compile(r"(^|_)cip\d{2}(_|\.|$)", re.IGNORECASE)


def _recognised_as(name: str) -> str | None:
    for dataset, importer in IMPORTERS.items():
        if any(re.fullmatch(pattern, name, re.IGNORECASE) for pattern in importer.file_patterns):
            return dataset
    return None


def _year(name, pattern):
    match = re.search(pattern, name, re.IGNORECASE)
    return int(match.group(1)) if match else 0


def _sort_key(dataset: str, name: str) -> tuple:
    """Oldest vintage first, so the newest release is written last and wins."""
    if dataset == "ipeds-hd":
        return (_year(name, r"hd(\d{4})"), name)
    if dataset == "ipeds-completions":
        return (_year(name, r"c(\d{4})_a"), name)
    if dataset == "oews":
        kind = next((order for prefix, order in OEWS_KIND_ORDER if name.lower().startswith(prefix)), 9)
        return (_year(name, r"_M_?(\d{4})"), kind, name)
    if dataset == "onet":
        match = re.search(r"db_(\d+)_(\d+)", name)
        return ((int(match.group(1)), int(match.group(2))) if match else (0, 0), name)
    return (0, name)


def find_data_files(data_dir) -> DataPlan:
    """Every file in ``data_dir`` (and its subfolders) that an importer recognises by name, in import order."""
    data_dir = Path(data_dir)
    plan = DataPlan()
    order = {dataset: index for index, dataset in enumerate(IMPORTERS)}
    for root, dirs, files in os.walk(data_dir):
        dirs.sort()
        keep_walking = []
        for name in sorted(dirs + files):
            path = Path(root) / name
            dataset = _recognised_as(name)
            if dataset and (path.is_file() or IMPORTERS[dataset].accepts_directory):
                plan.files.append(DataFile(dataset, path, (order[dataset], *_sort_key(dataset, name))))
            elif name in dirs and not name.startswith("."):
                keep_walking.append(name)
        dirs[:] = keep_walking
    plan.files.sort(key=lambda f: f.sort_key)

    # A completions file for one CIP family (c2023_a_cip51_major1.csv) is a subset of that year's file for every
    # family (c2023_a_major1_allcip.csv): with both present only the complete one is imported. Importing both would
    # double nothing (a completion is keyed by program and year) but would take longer for no gain.
    complete_years = {
        f.sort_key[1]
        for f in plan.files
        if f.dataset == "ipeds-completions" and not SUBSET_OF_CIP_FAMILIES.search(f.path.name)
    }
    kept = []
    for item in plan.files:
        if (
            item.dataset == "ipeds-completions"
            and SUBSET_OF_CIP_FAMILIES.search(item.path.name)
            and item.sort_key[1] in complete_years
        ):
            plan.notes.append(
                f"{item.path.name}: skipped, a file with every CIP family covers the same year ({item.sort_key[1]})"
            )
            continue
        kept.append(item)
    plan.files = kept
    found = {f.dataset for f in plan.files}
    plan.missing = [dataset for dataset in IMPORTERS if dataset not in found]
    return plan


def import_directory(
    data_dir,
    *,
    dry_run: bool = False,
    max_rejects: int = 0,
    user=None,
    progress: Progress | None = None,
    log: Log | None = None,
    skip_imported: bool = False,
) -> list[ImportRun]:
    """Import every recognised file in ``data_dir`` in dependency order, each in its own transaction.

    With ``skip_imported`` a file whose SHA-256 already has a successful run for its dataset is not read again.
    A dry run checks each file against the database as it is (later files do not see earlier ones' rows).
    """
    log = log or logger.info
    plan = find_data_files(data_dir)
    for note in plan.notes:
        log(note)
    runs = []
    for item in plan.files:
        if skip_imported:
            digest = sha256_of(item.path)
            if ImportRun.objects.filter(
                dataset=item.dataset, sha256=digest, outcome=ImportRun.Outcome.SUCCEEDED
            ).exists():
                log(f"{item.path.name}: already imported (same SHA-256), skipped")
                continue
        runs.append(
            run_import(
                item.dataset, item.path, dry_run=dry_run, max_rejects=max_rejects, user=user, progress=progress, log=log
            )
        )
    return runs


# ---------------------------------------------------------------------------------------------------------------
# Peak memory of this process during one run


def _reset_peak_memory():
    # Linux lets a process reset its own high-water mark, so each run reports its own peak.
    with suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_memory_mb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

"""Running imports: one file (``run_import``) or a whole data folder (``import_directory``).

Every run writes an ``ImportRun`` row, whatever happens (``runs``): the dataset's own writes happen inside one
transaction that is rolled back when the file is bad or for a dry run, while the ``ImportRun`` row is saved outside
it. The file comes through ``sources`` (a path, a download or a zip) and a folder's files through ``planning``.
The management commands and the admin call these functions; they print nothing themselves.
"""

import logging
from collections.abc import Callable

from django.db import connection, transaction

from .files import sha256_of
from .importers.base import Importer
from .importers.report import ImportFailed
from .models import ImportRun
from .planning import find_data_files
from .registry import get_importer
from .runs import finish_run, start_run
from .safe_download import download  # noqa: F401 - the admin's import job downloads through services.download
from .sources import local_source

logger = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]
Log = Callable[[str], None]


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
    run = start_run(dataset=dataset, source=source, user=user, claimed=claimed)
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
        finish_run(run, importer, outcome, failure, dry_run)
        raise
    except Exception as exc:  # recorded on the run so staff see it; the traceback goes to the log
        logger.exception("import of %s from %s failed", dataset, source)
        failure = f"unexpected error ({exc.__class__.__name__}): {exc}; nothing was imported"
    finish_run(run, importer, outcome, failure, dry_run)
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

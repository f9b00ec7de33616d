"""The ``ImportRun`` record of each import: created when it starts, finished with its outcome, counts, report and
peak memory whatever happens. Text that came from a file is made printable first: PostgreSQL refuses a NUL
character, and a damaged file must not be able to break the record of its own import."""

import resource
from contextlib import suppress
from pathlib import Path

from django.utils import timezone

from .importers.report import printable
from .models import ImportRun


def start_run(*, dataset: str, source, user=None, claimed: ImportRun | None = None) -> ImportRun:
    """The run's record, holding the one running slot (raises AnotherImportRunning; see ImportRun.objects.start)."""
    reset_peak_memory()
    return ImportRun.objects.start(dataset=dataset, source=printable(source), started_by=user, claimed=claimed)


def finish_run(run: ImportRun, importer, outcome, failure: str | None, dry_run: bool) -> ImportRun:
    lines = []
    if importer is not None:
        run.vintage = printable(importer.vintage)[:40]
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
    run.file_name = printable(run.file_name)[:300]
    run.report = printable("\n".join(lines))
    run.outcome = outcome
    run.finished_at = timezone.now()
    run.peak_memory_mb = peak_memory_mb()
    run.save()
    return run


def reset_peak_memory():
    # Linux lets a process reset its own high-water mark, so each run reports its own peak.
    with suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_memory_mb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

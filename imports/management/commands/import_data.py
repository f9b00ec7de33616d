"""Import an official data file: ``manage.py import_data DATASET SOURCE`` or ``import_data all --data-dir DIR``."""

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from imports.models import ImportRun, RunRefused
from imports.registry import DATASETS
from imports.services import import_directory, run_import

from ._progress import CommandProgress


class Command(BaseCommand):
    help = (
        "Import one official data file (a path or an http(s) address) into DATASET, or every file recognised in "
        "a folder with 'all --data-dir DIR'. Atomic: a bad file changes nothing. Exits 1 if any row was rejected "
        "or any import failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=[*DATASETS, "all"], help="the dataset, or 'all' for a whole folder")
        parser.add_argument("source", nargs="?", help="file path or http(s) address (not with 'all')")
        parser.add_argument("--data-dir", help="folder to import with 'all' (default: DATA_DIR)")
        parser.add_argument("--dry-run", action="store_true", help="read and check everything, write nothing")
        parser.add_argument(
            "--max-rejects", type=int, default=0, metavar="N", help="import anyway if at most N rows are rejected"
        )
        parser.add_argument("--period", help='vintage when the file name does not say it, e.g. "May 2025" or 2024')

    def handle(self, *args, dataset, source, data_dir, dry_run, max_rejects, period, **options):
        if max_rejects < 0:
            raise CommandError("--max-rejects must be 0 or more")
        for dead in ImportRun.objects.mark_dead_runs_failed():  # a killed import must not block this one
            self.stderr.write(f"Marked failed: {dead}: {dead.report.splitlines()[-1]}")
        progress = CommandProgress(self.stdout, interactive=self.stdout.isatty())
        common = {"dry_run": dry_run, "max_rejects": max_rejects, "progress": progress, "log": progress.log}
        try:
            if dataset == "all":
                if source or period:
                    raise CommandError("'all' takes --data-dir, not a SOURCE or --period")
                folder = data_dir or settings.DATA_DIR
                runs = import_directory(folder, **common)
                if not runs:
                    raise CommandError(f"no file in {folder} was recognised as an official dataset")
            else:
                if not source or data_dir:
                    raise CommandError(f"give the file to import: import_data {dataset} SOURCE")
                runs = [run_import(dataset, source, period=period, **common)]
        except RunRefused as error:  # one import at a time (ImportRun's one_running_import constraint)
            raise CommandError(f"{error}; try again when it has finished") from None
        progress.close()

        for run in runs:
            style = self.style.SUCCESS if run.outcome != ImportRun.Outcome.FAILED else self.style.ERROR
            self.stdout.write(style(run.report))
            self.stdout.write(f"  {run.get_outcome_display()} in {run.duration_seconds:.1f} s, "
                              f"peak memory {run.peak_memory_mb} MB")  # fmt: skip
        failed = [run for run in runs if run.outcome == ImportRun.Outcome.FAILED]
        rejected = sum(run.rejected for run in runs)
        if failed or rejected:
            raise CommandError(
                f"{len(failed)} import(s) failed, {rejected:,} row(s) rejected; see the report above"
                if failed
                else f"{rejected:,} row(s) rejected (allowed by --max-rejects); see the report above"
            )

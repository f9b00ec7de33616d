"""Loads whatever official data the run script can find; the guide content itself comes from migrations."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand

from imports.models import ImportRun
from imports.registry import IMPORTERS
from imports.services import find_data_files, import_directory


class Command(BaseCommand):
    help = (
        "Import every official data file found in DATA_DIR (default ../shared/data), skipping files already "
        "imported; say what is missing. Always exits 0 so the site still starts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="import files again even if already imported")

    @staticmethod
    def describe(datasets):
        """Each dataset with the file that holds it, as the data folder lays it out."""
        return "; ".join(f"{dataset} (e.g. {IMPORTERS[dataset].example_file})" for dataset in datasets)

    def handle(self, *args, force=False, **options):
        data_dir = Path(settings.DATA_DIR)
        if not data_dir.is_dir():
            self.stdout.write(
                self.style.WARNING(
                    f"No data folder at {data_dir}: the guides are served without imported schools or figures. "
                    f"Missing, every dataset: {self.describe(IMPORTERS)}. Set DATA_DIR to a folder of official "
                    "files (see README, Importing official data) and run this again."
                )
            )
            return
        plan = find_data_files(data_dir)
        if plan.missing:
            self.stdout.write(self.style.WARNING(f"Not found in {data_dir}: {self.describe(plan.missing)}"))
        runs = import_directory(data_dir, skip_imported=not force, log=self.stdout.write)
        for run in runs:
            if run.outcome == ImportRun.Outcome.FAILED:
                self.stderr.write(self.style.ERROR(run.report))
            else:
                self.stdout.write(run.report.splitlines()[0])
        failed = [run.file_name or run.source for run in runs if run.outcome == ImportRun.Outcome.FAILED]
        if failed:
            self.stderr.write(
                self.style.ERROR(
                    f"{len(failed)} file(s) could not be imported and were left out: {', '.join(failed)}. "
                    "The site starts without them; fix the files and run manage.py load_site_data again."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Official data from {data_dir} is loaded."))

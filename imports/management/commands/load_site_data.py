"""Loads the official data for the run script: what DATA_DIR holds, or, when it holds none, the publishers' current
releases fetched first (manage.py fetch_data)."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand

from imports.fetching.http import FetchFailed
from imports.fetching.manifest import ManifestError
from imports.fetching.service import fetch_releases
from imports.models import ImportRun
from imports.planning import find_data_files
from imports.registry import IMPORTERS
from imports.services import import_directory


class Command(BaseCommand):
    help = (
        "Import every official data file found in DATA_DIR (default ../shared/data), skipping files already "
        "imported; say what is missing. Always exits 0 so the site still starts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="import files again even if already imported")
        parser.add_argument(
            "--no-fetch", action="store_true", help="do not download the official releases when DATA_DIR has no data"
        )

    @staticmethod
    def describe(datasets):
        """Each dataset with the file that holds it, as the data folder lays it out."""
        return "; ".join(f"{dataset} (e.g. {IMPORTERS[dataset].example_file})" for dataset in datasets)

    def fetch(self, data_dir: Path):
        """A fresh install has no data folder: fetch the publishers' releases into it, or say in one line why not."""
        self.stdout.write(f"No official data in {data_dir}: fetching the publishers' current releases (fetch_data).")
        try:
            report = fetch_releases(dest=data_dir, log=self.stdout.write)
        except (ManifestError, FetchFailed) as exc:
            self.stderr.write(self.style.ERROR(str(exc)))
            return
        if report.unreachable:
            self.stdout.write(
                self.style.WARNING(
                    "No publisher answered (no internet?): serving the guides without imported data. Later, run: "
                    ".venv/bin/python manage.py fetch_data && .venv/bin/python manage.py load_site_data"
                )
            )
            return
        for result in report.failed:
            self.stderr.write(self.style.ERROR(f"{result.release}: {result.message}"))

    def handle(self, *args, force=False, no_fetch=False, **options):
        data_dir = Path(settings.DATA_DIR)
        if not no_fetch and not (data_dir.is_dir() and find_data_files(data_dir).files):
            self.fetch(data_dir)
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
        if not plan.files:
            self.stdout.write(
                self.style.WARNING(f"No official data in {data_dir} to load: the site serves the guides.")
            )
            return
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

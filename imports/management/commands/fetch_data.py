"""manage.py fetch_data: download the official releases in imports/releases.toml into DATA_DIR."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from imports.fetching.check import check_releases
from imports.fetching.http import FetchFailed
from imports.fetching.manifest import ManifestError, load_releases
from imports.fetching.service import fetch_releases, select_releases

from ._progress import CommandProgress


class Command(BaseCommand):
    help = (
        "Download the official releases listed in imports/releases.toml into DATA_DIR (or --dest), check each "
        "zip for its members, and place the files where `import_data all` finds them. A second run downloads "
        "nothing. --check lists the releases newer than what the database has loaded, without downloading; it "
        "exits 1 when there is one. Exit status 1 when a release could not be fetched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="+", default=(), metavar="DATASET", help="datasets or file names")
        parser.add_argument("--dest", type=Path, default=None, help="folder to fill (default: DATA_DIR)")
        parser.add_argument("--check", action="store_true", help="say what is newer than the loaded data")
        parser.add_argument("--refresh", action="store_true", help="ask the publishers whether a file changed")

    def handle(self, *args, only, dest, check, refresh, **options):
        try:
            releases = select_releases(load_releases(), only)
        except (ManifestError, FetchFailed) as exc:
            raise CommandError(str(exc)) from exc
        if check:
            statuses = check_releases(releases)
            for status in statuses:
                self.stdout.write(status.describe())
            if any(status.newer for status in statuses):
                raise CommandError("newer releases are available: run `manage.py fetch_data` then `import_data all`")
            return
        dest = Path(dest or settings.DATA_DIR)
        progress = CommandProgress(self.stdout, interactive=self.stdout.isatty())
        report = fetch_releases(dest=dest, releases=releases, refresh=refresh, progress=progress, log=progress.log)
        progress.close()
        for result in report.results:
            line = f"{result.release}: {result.status}"
            if result.message:
                line += f": {result.message}"
            style = {"failed": self.style.ERROR, "unreachable": self.style.ERROR, "by hand": self.style.WARNING}.get(
                result.status, self.style.SUCCESS
            )
            self.stdout.write(style(line))
        if report.unreachable:
            raise CommandError(
                "No publisher answered: this machine seems to have no internet. Run `manage.py fetch_data` again "
                "once it has, then `manage.py load_site_data`."
            )
        if report.failed:
            raise CommandError(f"{len(report.failed)} of {len(report.results)} releases could not be fetched")

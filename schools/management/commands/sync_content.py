"""manage.py sync_content [--check]: load the shipped content in content/ (schools/content_sync.py)."""

from django.core.management import BaseCommand, CommandError

from schools.content_files import ContentError
from schools.content_sync import sync_content


class Command(BaseCommand):
    help = (
        "Load the shipped guides, certifications, certifying bodies and starting figures from content/. A field "
        "changes only where the database still holds the text last shipped; staff edits are kept and listed. "
        "With --check, write nothing, print what a sync would do, and exit with status 1 when it would add or "
        "change anything (kept staff edits alone exit 0)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if there is anything to do")

    def handle(self, *args, check=False, **options):
        try:
            report = sync_content(check=check)
        except ContentError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
        if check and report.has_changes:
            raise SystemExit(1)

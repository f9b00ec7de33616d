"""Loads whatever official data the run script can find; the guide content itself comes from migrations."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand


class Command(BaseCommand):
    help = "Import every official data file found in DATA_DIR (default ../shared/data); say what is missing."

    def handle(self, *args, **options):
        data_dir = Path(settings.DATA_DIR)
        if not data_dir.is_dir():
            self.stdout.write(
                self.style.WARNING(
                    f"No data folder at {data_dir}: the guides are served without imported schools or figures. "
                    "Set DATA_DIR to a folder of official files (see README, Data) and run this again."
                )
            )
            return
        self.stdout.write(f"Data folder found at {data_dir}; the importers are not installed yet.")

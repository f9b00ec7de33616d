from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Data imports"

    def ready(self):
        from core import page_cache

        from .models import ImportRun

        # A successful import changes the data every page shows; run ids only grow.
        page_cache.register_version_source(
            page_cache.newest(ImportRun, "id", where={"outcome": ImportRun.Outcome.SUCCEEDED})
        )

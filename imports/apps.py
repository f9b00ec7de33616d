from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Data imports"

    def ready(self):
        from core import admin_site, page_cache

        from .freshness import freshness_panel
        from .models import ImportRun

        # A successful import changes the data every page shows; run ids only grow.
        page_cache.register_version_source(
            page_cache.newest(ImportRun, "id", where={"outcome": ImportRun.Outcome.SUCCEEDED})
        )
        admin_site.register_index_panel(freshness_panel)

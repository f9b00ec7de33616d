from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Data imports"

    def ready(self):
        from core import admin_site, page_cache, roles, sitemaps

        from .freshness import freshness_panel
        from .models import ImportRun

        # A successful import changes the data every page shows; run ids only grow.
        page_cache.register_version_source(
            page_cache.newest(ImportRun, "id", where={"outcome": ImportRun.Outcome.SUCCEEDED})
        )
        # The sitemap's <lastmod> of pages built from imported data (core/sitemaps.py): when the last import ended.
        sitemaps.register_data_date(_newest_successful_import)
        admin_site.register_index_panel(freshness_panel)
        # Stewards run imports and see every run; editors see none.
        roles.register_app_roles(self.label, stewards_view_all=True, stewards_extra=["run_import"])


def _newest_successful_import():
    from django.db.models import Max

    from .models import ImportRun

    succeeded = ImportRun.objects.filter(outcome=ImportRun.Outcome.SUCCEEDED)
    return succeeded.aggregate(newest=Max("finished_at"))["newest"]

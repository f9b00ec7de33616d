from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Healthcare careers guide"

    def ready(self):
        from core import page_cache

        from .models import Career

        # The admin saves a guide itself also when only one of its sections changed (which bumps updated_at);
        # the count sees a deleted guide, which no date shows.
        page_cache.register_version_source(page_cache.newest(Career, "updated_at"), page_cache.row_count(Career))

from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = "Schools and programs"

    def ready(self):
        from core import page_cache

        from .models import CareerProgram, InstitutionOverride

        # The staff choices Find a School reads (programs added to or removed from a career's search, corrections
        # of imported schools) keep a version history, written on every save and delete.
        page_cache.register_version_source(
            page_cache.newest_version(CareerProgram), page_cache.newest_version(InstitutionOverride)
        )

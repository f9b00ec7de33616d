from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = "Schools and programs"

    def ready(self):
        from core import page_cache, roles

        from .models import CareerProgram, InstitutionOverride

        # The staff choices Find a School reads (programs added to or removed from a career's search, corrections
        # of imported schools) keep a version history, written on every save and delete.
        page_cache.register_version_source(
            page_cache.newest_version(CareerProgram), page_cache.newest_version(InstitutionOverride)
        )
        # Editors add or remove a CIP program from a career's school search; stewards keep the corrections of
        # imported schools. Both view the imported schools and programs.
        roles.register_app_roles(
            self.label,
            editors_edit=["careerprogram"],
            editors_delete=["careerprogram"],
            editors_view_all=True,
            stewards_view_all=True,
            stewards_extra=["add_institutionoverride", "change_institutionoverride", "delete_institutionoverride"],
        )

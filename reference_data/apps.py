from django.apps import AppConfig


class ReferenceDataConfig(AppConfig):
    """The official reference data every domain app reads: SOC occupations with their BLS wages and projections
    and O*NET tasks, CIP codes, the CIP-SOC crosswalk, ZIP centroids and award groups. The importers own the rows;
    the app sits just above ``core`` and imports no other domain app."""

    name = "reference_data"
    verbose_name = "Reference data"

    def ready(self):
        from core import roles

        # Imported rows: editors look them up (to link a guide to an occupation, check a wage), stewards view them;
        # no one edits them by hand (the importers own them). A new import moves every page's version through
        # imports' ImportRun, so nothing is registered with the page cache here.
        roles.register_app_roles(self.label, editors_view_all=True, stewards_view_all=True)

from django.apps import AppConfig


class ReferenceDataConfig(AppConfig):
    """The official reference data every domain app reads: SOC occupations with their BLS wages and projections
    and O*NET tasks, CIP codes, the CIP-SOC crosswalk, ZIP centroids and award groups. The importers own the rows;
    the app sits just above ``core`` and imports no other domain app."""

    name = "reference_data"
    verbose_name = "Reference data"

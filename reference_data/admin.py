"""Reference data in the admin: staff search and read it, the importers own it (core.admin_readonly)."""

from urllib.parse import urlencode

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from core.admin_readonly import ImportedDataAdmin, ImportedDataInline

from .models import (
    CipCode,
    CipSocLink,
    CountyArea,
    EmploymentProjection,
    IndustryWage,
    Occupation,
    OccupationAlternateTitle,
    OccupationTask,
    WageEstimate,
    ZipCentroid,
)


class OccupationTaskInline(ImportedDataInline):
    model = OccupationTask
    fields = ["task_id", "text", "is_core"]


@admin.register(Occupation)
class OccupationAdmin(ImportedDataAdmin):
    list_display = ["soc_code", "title", "in_current_soc", "job_zone", "typical_education", "guide_link"]
    readonly_fields = ["guide_link"]

    @admin.display(description="Guide")
    def guide_link(self, occupation):
        """A link that opens a new guide prefilled from the occupation's profile (the careers app's admin, named
        by URL: this layer imports no app above it)."""
        if not occupation.is_healthcare:
            return "-"
        url = f"{reverse('admin:careers_career_add')}?{urlencode({'occupation': occupation.soc_code})}"
        return format_html('<a href="{}">Add a guide for this occupation</a>', url)

    list_filter = ["in_current_soc", "job_zone"]
    search_fields = ["soc_code", "title"]
    inlines = [OccupationTaskInline]


@admin.register(OccupationTask)
class OccupationTaskAdmin(ImportedDataAdmin):
    list_display = ["occupation", "task_id", "is_core", "text"]
    list_select_related = ["occupation"]
    list_filter = ["is_core"]
    search_fields = ["occupation__soc_code", "task_id", "text"]


@admin.register(OccupationAlternateTitle)
class OccupationAlternateTitleAdmin(ImportedDataAdmin):
    list_display = ["title", "short_title", "occupation"]
    list_select_related = ["occupation"]
    search_fields = ["occupation__soc_code", "title", "short_title"]


@admin.register(WageEstimate)
class WageEstimateAdmin(ImportedDataAdmin):
    list_display = ["occupation", "area_name", "area_type", "period", "employment", "annual_median", "hourly_median"]
    list_select_related = ["occupation"]
    list_filter = ["area_type", "period"]
    search_fields = ["occupation__soc_code", "occupation__title", "area_name", "area_code", "state"]
    date_hierarchy = "period"


@admin.register(IndustryWage)
class IndustryWageAdmin(ImportedDataAdmin):
    list_display = ["occupation", "naics", "naics_title", "level", "period", "employment", "annual_median"]
    list_select_related = ["occupation"]
    list_filter = ["level", "period"]
    search_fields = ["occupation__soc_code", "occupation__title", "naics", "naics_title"]


@admin.register(EmploymentProjection)
class EmploymentProjectionAdmin(ImportedDataAdmin):
    list_display = ["occupation", "base_year", "target_year", "change_percent", "annual_openings", "median_annual_wage"]
    list_select_related = ["occupation"]
    list_filter = ["base_year", "target_year"]
    search_fields = ["occupation__soc_code", "occupation__title"]


@admin.register(CipCode)
class CipCodeAdmin(ImportedDataAdmin):
    list_display = ["code", "title", "digits"]
    list_filter = ["digits"]
    search_fields = ["code", "title"]
    ordering = ["code"]


@admin.register(CipSocLink)
class CipSocLinkAdmin(ImportedDataAdmin):
    list_display = ["cip", "occupation"]
    list_select_related = ["cip", "occupation"]
    search_fields = ["cip__code", "cip__title", "occupation__soc_code", "occupation__title"]


@admin.register(ZipCentroid)
class ZipCentroidAdmin(ImportedDataAdmin):
    list_display = ["zip_code", "latitude", "longitude", "vintage"]
    list_filter = ["vintage"]
    search_fields = ["=zip_code"]


@admin.register(CountyArea)
class CountyAreaAdmin(ImportedDataAdmin):
    list_display = ["name", "state", "county_code", "cbsa", "cbsa_type", "vintage"]
    list_filter = ["cbsa_type", "state"]
    search_fields = ["=county_code", "name", "=cbsa"]

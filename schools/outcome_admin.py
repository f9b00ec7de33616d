"""Read-only admins for the figures a student judges a school by (imported; staff look, never edit)."""

from django.contrib import admin

from core.admin_readonly import ImportedDataAdmin

from .models import (
    DistanceEducation,
    DistanceEnrollment,
    GraduationRate,
    InstitutionCost,
    InstitutionOutcome,
    ProgramOutcome,
)

SCHOOL_SEARCH = ["institution__name", "=institution__unitid"]


@admin.register(InstitutionCost)
class InstitutionCostAdmin(ImportedDataAdmin):
    list_display = ["institution", "year", "tuition_in_district", "tuition_in_state", "tuition_out_of_state",
                    "books_supplies"]  # fmt: skip
    list_filter = ["year"]
    list_select_related = ["institution"]
    search_fields = SCHOOL_SEARCH


@admin.register(DistanceEducation)
class DistanceEducationAdmin(ImportedDataAdmin):
    list_display = ["institution", "year", "all_programs_online", "offers_online_programs", "offers_online_courses"]
    list_filter = ["year", "all_programs_online", "offers_online_programs"]
    list_select_related = ["institution"]
    search_fields = SCHOOL_SEARCH


@admin.register(DistanceEnrollment)
class DistanceEnrollmentAdmin(ImportedDataAdmin):
    list_display = ["institution", "fall_year", "total", "exclusively_distance", "some_distance"]
    list_filter = ["fall_year"]
    list_select_related = ["institution"]
    search_fields = SCHOOL_SEARCH


@admin.register(GraduationRate)
class GraduationRateAdmin(ImportedDataAdmin):
    list_display = ["institution", "cohort_year", "cohort_size", "awarded_in_4_years", "awarded_in_6_years"]
    list_filter = ["cohort_year"]
    list_select_related = ["institution"]
    search_fields = SCHOOL_SEARCH


@admin.register(InstitutionOutcome)
class InstitutionOutcomeAdmin(ImportedDataAdmin):
    list_display = ["institution", "released_on", "completion_rate", "net_price_average"]
    list_filter = ["released_on"]
    list_select_related = ["institution"]
    search_fields = SCHOOL_SEARCH


@admin.register(ProgramOutcome)
class ProgramOutcomeAdmin(ImportedDataAdmin):
    list_display = ["institution", "cip_code", "credential_level", "completers", "earnings_1_year",
                    "earnings_4_years", "median_debt", "released_on"]  # fmt: skip
    list_filter = ["credential_level", "released_on"]
    list_select_related = ["institution"]
    search_fields = [*SCHOOL_SEARCH, "cip_code", "cip_title"]

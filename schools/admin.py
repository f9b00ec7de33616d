"""Schools in the admin. Everything but CareerProgram comes from the official files through the importers, so staff
can search and read it here but not change it (a hand edit would be overwritten, or worse, kept, by the next import).
"""

from django.contrib import admin

from .models import CareerProgram, CipCode, CipSocLink, Completion, Institution, Program, ZipCentroid


class ImportedDataAdmin(admin.ModelAdmin):
    """Read-only: the importers own these rows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ImportedDataInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


@admin.register(CareerProgram)
class CareerProgramAdmin(admin.ModelAdmin):
    """Staff add programs the crosswalk misses (or remove misleading ones) from a career's search."""

    list_display = ["career", "cip", "action", "note"]
    list_filter = ["action", "career"]
    list_select_related = ["career", "cip"]
    search_fields = ["career__short_name", "cip__code", "cip__title", "note"]
    autocomplete_fields = ["cip"]


class CompletionInline(ImportedDataInline):
    model = Completion
    fields = ["year", "total", "men", "women"]
    readonly_fields = fields
    ordering = ["-year"]


class ProgramInline(ImportedDataInline):
    model = Program
    fields = ["cip", "award_level"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cip")


@admin.register(Institution)
class InstitutionAdmin(ImportedDataAdmin):
    list_display = ["name", "unitid", "city", "state", "control", "level", "is_active", "survey_year"]
    list_filter = ["is_active", "control", "level", "state", "survey_year"]
    search_fields = ["name", "alias", "unitid", "city"]
    inlines = [ProgramInline]
    show_full_result_count = False


@admin.register(Program)
class ProgramAdmin(ImportedDataAdmin):
    list_display = ["institution", "cip", "award_level"]
    list_filter = ["award_level"]
    list_select_related = ["institution", "cip"]
    search_fields = ["institution__name", "=institution__unitid", "cip__code", "cip__title"]
    inlines = [CompletionInline]
    show_full_result_count = False


@admin.register(Completion)
class CompletionAdmin(ImportedDataAdmin):
    list_display = ["program", "year", "total"]
    list_filter = ["year"]
    list_select_related = ["program__institution", "program__cip"]
    search_fields = ["=program__institution__unitid", "program__institution__name", "program__cip__code"]
    show_full_result_count = False


@admin.register(ZipCentroid)
class ZipCentroidAdmin(ImportedDataAdmin):
    list_display = ["zip_code", "latitude", "longitude", "vintage"]
    list_filter = ["vintage"]
    search_fields = ["=zip_code"]

"""Schools in the admin. Everything but CareerProgram comes from the official files through the importers, so staff
can search and read it here but not change it (a hand edit would be overwritten, or worse, kept, by the next import).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from core.admin_history import VersionedAdmin
from core.admin_readonly import ImportedDataAdmin, ImportedDataInline

from .models import CareerProgram, Completion, Institution, InstitutionOverride, Program


@admin.register(CareerProgram)
class CareerProgramAdmin(VersionedAdmin):
    """Staff name the programs (and credentials) that lead to a career, or remove misleading crosswalk ones. Every
    change is a version (History: compare, restore)."""

    restore_keeps = ()

    list_display = ["career", "cip", "action", "credentials", "note"]
    list_filter = ["action", "career"]
    list_select_related = ["career", "cip"]
    search_fields = ["career__short_name", "cip__code", "cip__title", "note"]
    autocomplete_fields = ["cip"]


class CompletionInline(ImportedDataInline):
    model = Completion
    fields = ["year", "total", "men", "women"]
    ordering = ["-year"]


class ProgramInline(ImportedDataInline):
    model = Program
    fields = ["cip", "award_level"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cip")


@admin.register(Institution)
class InstitutionAdmin(ImportedDataAdmin):
    list_display = ["name", "unitid", "city", "state", "control", "level", "is_active", "survey_year"]
    list_filter = ["is_active", "control", "level", "state", "survey_year"]
    search_fields = ["name", "alias", "unitid", "city"]
    readonly_fields = ["staff_override"]
    inlines = [ProgramInline]

    @admin.display(description="Staff override")
    def staff_override(self, institution):
        """Corrections live in their own table (the importers never touch it): link to it, or to add one."""
        override = InstitutionOverride.objects.filter(institution=institution).first()
        if override is not None:
            url = reverse("admin:schools_institutionoverride_change", args=[override.pk])
            return format_html('<a href="{}">{}</a>', url, "See or change the staff override")
        url = reverse("admin:schools_institutionoverride_add") + f"?institution={institution.pk}"
        return format_html('<a href="{}">{}</a>', url, "None. Add a staff override")


@admin.register(InstitutionOverride)
class InstitutionOverrideAdmin(VersionedAdmin):
    """Staff corrections of an imported school: shown instead of the IPEDS values, and kept across imports. Every
    change is a version (History: compare, restore)."""

    # An override belongs to its school; a restore brings back the values, by the steward restoring them.
    restore_keeps = ("institution",)
    restore_stamps = ("updated_by",)

    list_display = [
        "institution",
        "unitid",
        "display_name",
        "web_address",
        "hidden_from_search",
        "updated_at",
        "updated_by",
    ]
    list_select_related = ["institution", "updated_by"]
    list_filter = ["hidden_from_search"]
    search_fields = ["institution__name", "=institution__unitid", "display_name", "note"]
    autocomplete_fields = ["institution"]
    fields = [
        "institution",
        "imported_values",
        "display_name",
        "web_address",
        "hidden_from_search",
        "note",
        "updated_at",
        "updated_by",
    ]
    readonly_fields = ["imported_values", "updated_at", "updated_by"]

    @admin.display(description="UNITID", ordering="institution__unitid")
    def unitid(self, override):
        return override.institution.unitid

    @admin.display(description="As imported (IPEDS)")
    def imported_values(self, override):
        if override.pk is None:
            return "Shown once the override is saved."
        school = override.institution
        return f"{school.name}; web address: {school.web_address or 'none'}; directory year {school.survey_year}"

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Program)
class ProgramAdmin(ImportedDataAdmin):
    list_display = ["institution", "cip", "award_level"]
    list_filter = ["award_level"]
    list_select_related = ["institution", "cip"]
    search_fields = ["institution__name", "=institution__unitid", "cip__code", "cip__title"]
    inlines = [CompletionInline]


@admin.register(Completion)
class CompletionAdmin(ImportedDataAdmin):
    list_display = ["program", "year", "total"]
    list_filter = ["year"]
    list_select_related = ["program__institution", "program__cip"]
    search_fields = ["=program__institution__unitid", "program__institution__name", "program__cip__code"]


from . import outcome_admin  # noqa: E402, F401 - registers the read-only admins of the imported outcome figures

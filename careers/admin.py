from django.contrib import admin, messages

from certifications.models import CareerCertification

from . import services
from .models import (
    Career,
    CareerOccupation,
    CareerStep,
    EmploymentProjection,
    Occupation,
    OccupationTask,
    RelatedCareer,
    Source,
    Specialization,
    WageEstimate,
)

PUBLICATION_FIELDS = [
    "published_at",
    "published_by",
    "last_reviewed_at",
    "last_reviewed_by",
    "created_at",
    "updated_at",
]


class CareerOccupationInline(admin.TabularInline):
    model = CareerOccupation
    extra = 0
    autocomplete_fields = ["occupation"]
    verbose_name = "SOC occupation"
    verbose_name_plural = "SOC occupations (the primary one supplies the pay and outlook figures)"


class CareerStepInline(admin.TabularInline):
    model = CareerStep
    extra = 0
    fields = ["order", "text"]
    verbose_name_plural = "How to get started: steps, in order"


class CareerCertificationInline(admin.TabularInline):
    model = CareerCertification
    extra = 0
    fields = ["order", "certification", "note"]
    autocomplete_fields = ["certification"]
    verbose_name_plural = "Certifications this guide lists"


class SpecializationInline(admin.StackedInline):
    model = Specialization
    fk_name = "career"
    extra = 0
    fields = ["order", "name", "description", "related_career", "certification"]
    autocomplete_fields = ["related_career", "certification"]


class RelatedCareerInline(admin.TabularInline):
    model = RelatedCareer
    fk_name = "career"
    extra = 0
    fields = ["order", "title", "description", "target", "occupation"]
    autocomplete_fields = ["target", "occupation"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    fields = ["order", "kind", "title", "organization", "url"]
    verbose_name_plural = "Sources and associations"


@admin.register(Career)
class CareerAdmin(admin.ModelAdmin):
    list_display = ["short_name", "slug", "status", "published_at", "last_reviewed_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["short_name", "title", "slug", "occupations__soc_code", "occupations__title"]
    prepopulated_fields = {"slug": ["short_name"]}
    readonly_fields = PUBLICATION_FIELDS
    actions = ["publish", "unpublish", "mark_reviewed"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "short_name", "slug", "summary", "status"]}),
        ("What they do and where", {"fields": ["what_they_do", "where_they_work"]}),
        ("How to get started", {"fields": ["how_to_begin_intro"], "description": "The steps are edited below."}),
        (
            "Certifications and specializations",
            {"fields": ["post_education_intro", "certification_renewal_note", "specializations_intro"]},
        ),
        (
            "Pay and outlook",
            {
                "fields": ["pay_narrative", "job_outlook_narrative"],
                "description": "Words only: the figures come from the BLS data of the primary occupation.",
            },
        ),
        ("Related careers and sources", {"fields": ["related_careers_intro", "sources_intro"]}),
        (
            "Publication",
            {"fields": PUBLICATION_FIELDS},
        ),
    ]
    inlines = [
        CareerOccupationInline,
        CareerStepInline,
        CareerCertificationInline,
        SpecializationInline,
        RelatedCareerInline,
        SourceInline,
    ]

    def save_model(self, request, obj, form, change):
        services.stamp_publication(obj, user=request.user)
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish the selected guides", permissions=["change"])
    def publish(self, request, queryset):
        count = services.publish_careers(queryset, user=request.user)
        self.message_user(request, f"Published {count} guide(s).", messages.SUCCESS)

    @admin.action(description="Unpublish the selected guides (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        count = services.unpublish_careers(queryset)
        self.message_user(request, f"Unpublished {count} guide(s); staff can still preview them.", messages.SUCCESS)

    @admin.action(description="Mark the selected guides as reviewed today", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        count = services.mark_reviewed(queryset, user=request.user)
        self.message_user(request, f"Marked {count} guide(s) as reviewed.", messages.SUCCESS)


class CareerChildAdmin(admin.ModelAdmin):
    """The guide's parts also have their own lists, for finding text across guides."""

    list_select_related = ["career"]
    list_filter = ["career"]
    autocomplete_fields = ["career"]


@admin.register(CareerStep)
class CareerStepAdmin(CareerChildAdmin):
    list_display = ["career", "order", "text"]
    search_fields = ["text", "career__short_name"]


@admin.register(Specialization)
class SpecializationAdmin(CareerChildAdmin):
    list_display = ["name", "career", "order", "certification"]
    list_select_related = ["career", "certification"]
    search_fields = ["name", "description", "career__short_name"]
    autocomplete_fields = ["career", "related_career", "certification"]


@admin.register(RelatedCareer)
class RelatedCareerAdmin(CareerChildAdmin):
    list_display = ["title", "career", "order", "target"]
    list_select_related = ["career", "target"]
    search_fields = ["title", "description", "career__short_name"]
    autocomplete_fields = ["career", "target", "occupation"]


@admin.register(Source)
class SourceAdmin(CareerChildAdmin):
    list_display = ["title", "organization", "kind", "career", "url"]
    list_filter = ["kind", "career"]
    search_fields = ["title", "organization", "url", "career__short_name"]


@admin.register(CareerOccupation)
class CareerOccupationAdmin(CareerChildAdmin):
    list_display = ["career", "occupation", "is_primary"]
    list_select_related = ["career", "occupation"]
    list_filter = ["is_primary", "career"]
    search_fields = ["career__short_name", "occupation__soc_code", "occupation__title"]
    autocomplete_fields = ["career", "occupation"]


class OccupationTaskInline(admin.TabularInline):
    model = OccupationTask
    extra = 0
    fields = ["task_id", "text", "is_core"]
    readonly_fields = ["task_id"]
    show_change_link = True


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["soc_code", "title", "in_current_soc", "job_zone", "typical_education"]
    list_filter = ["in_current_soc", "job_zone"]
    search_fields = ["soc_code", "title"]
    inlines = [OccupationTaskInline]


@admin.register(OccupationTask)
class OccupationTaskAdmin(admin.ModelAdmin):
    list_display = ["occupation", "task_id", "is_core", "text"]
    list_select_related = ["occupation"]
    list_filter = ["is_core"]
    search_fields = ["occupation__soc_code", "task_id", "text"]
    autocomplete_fields = ["occupation"]


class ImportedFigureAdmin(admin.ModelAdmin):
    """BLS figures arrive by import; staff can look and correct, and the natural key is fixed once saved."""

    list_select_related = ["occupation"]
    autocomplete_fields = ["occupation"]
    show_full_result_count = False  # tens of thousands of rows: skip the second COUNT(*)
    natural_key_fields: list[str] = []

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + self.natural_key_fields if obj is not None else readonly


@admin.register(WageEstimate)
class WageEstimateAdmin(ImportedFigureAdmin):
    list_display = ["occupation", "area_name", "area_type", "period", "employment", "annual_median", "hourly_median"]
    list_filter = ["area_type", "period"]
    search_fields = ["occupation__soc_code", "occupation__title", "area_name", "area_code", "state"]
    date_hierarchy = "period"
    natural_key_fields = ["occupation", "area_type", "area_code", "period"]


@admin.register(EmploymentProjection)
class EmploymentProjectionAdmin(ImportedFigureAdmin):
    list_display = ["occupation", "base_year", "target_year", "change_percent", "annual_openings", "median_annual_wage"]
    list_filter = ["base_year", "target_year"]
    search_fields = ["occupation__soc_code", "occupation__title"]
    natural_key_fields = ["occupation", "base_year", "target_year"]

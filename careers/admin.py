import re

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import localtime

from certifications.admin import CertificationAdmin
from certifications.models import Certification
from core.admin_history import VersionedAdmin, VersionedPartAdmin

from . import profile_selectors, services, versions
from .guide_starts import initial_guide
from .models import Career, CareerCertification, CareerOccupation, CareerStep, RelatedCareer, Source, Specialization

PUBLICATION_SUMMARY = ["status", "publication_state", "review_state"]
PUBLICATION_DATES = [
    "published_at",
    "published_by",
    "content_changed_at",
    "last_reviewed_at",
    "last_reviewed_by",
    "created_at",
    "updated_at",
]
LIST_AND_FORM = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Not reviewed in 12 months"), ("current", "Reviewed in the last 12 months")]

    def queryset(self, request, queryset):
        due = Career.objects.review_due().values("pk")
        if self.value() == "due":
            return queryset.filter(pk__in=due)
        if self.value() == "current":
            return queryset.exclude(pk__in=due)
        return queryset


class UnpublishedChangesFilter(admin.SimpleListFilter):
    title = "unpublished changes"
    parameter_name = "changes"

    def lookups(self, request, model_admin):
        return [("waiting", "Published, with changes not yet published")]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.with_unpublished_changes()
        return queryset


class CareerOccupationInline(admin.TabularInline):
    model = CareerOccupation
    extra = 0
    autocomplete_fields = ["occupation"]
    verbose_name = "SOC occupation"
    verbose_name_plural = "SOC occupations (the primary one supplies the pay and outlook figures)"

    def get_extra(self, request, obj=None, **kwargs):
        # A guide started from an occupation (?occupation=29-1141) gets one row, prefilled as its primary occupation.
        return 1 if obj is None and _starting_occupation(request) else 0


def _starting_occupation(request):
    """The healthcare occupation a new guide starts from (?occupation=<SOC code>), or None. Memoized on the request:
    the form and the inline both ask."""
    if not hasattr(request, "_guide_start_occupation"):
        code = request.GET.get("occupation", "")
        found = profile_selectors.healthcare_occupation(code) if re.fullmatch(r"\d{2}-\d{4}", code) else None
        request._guide_start_occupation = found
    return request._guide_start_occupation


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
class CareerAdmin(VersionedAdmin):
    list_display = ["short_name", "status_column", "content_changed_at", "published_at", "reviewed_column", "page_link"]
    list_filter = ["status", UnpublishedChangesFilter, ReviewDueFilter]
    list_select_related = ["last_reviewed_by"]
    search_fields = ["short_name", "title", "slug", "occupations__soc_code", "occupations__title"]
    prepopulated_fields = {"slug": ["short_name"]}
    readonly_fields = PUBLICATION_SUMMARY + PUBLICATION_DATES
    actions = ["submit_for_review", "publish", "unpublish", "mark_reviewed", "discard_changes"]
    save_on_top = True
    fieldsets = [
        (
            "Publication",
            {
                "fields": PUBLICATION_SUMMARY,
                "description": "Change the status with the actions above (Submit for review, Publish ...). Saving "
                "edits to a published guide does not change the public page until someone publishes them; "
                '"View on site" shows them to staff.',
            },
        ),
        (None, {"fields": ["title", "short_name", "slug", "summary"]}),
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
        ("Publication and review dates", {"fields": PUBLICATION_DATES, "classes": ["collapse"]}),
    ]
    inlines = [
        CareerOccupationInline,
        CareerStepInline,
        CareerCertificationInline,
        SpecializationInline,
        RelatedCareerInline,
        SourceInline,
    ]
    versions_template = "admin/careers/career/versions.html"
    restore_template = "admin/careers/career/restore.html"

    # -- Starting a guide from an occupation's profile --------------------------------------------------------------

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        occupation = _starting_occupation(request)
        if occupation is not None:
            initial = {**initial_guide(profile_selectors.occupation_profile(occupation)), **initial}
            initial.pop("occupation", None)
        return initial

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        occupation = _starting_occupation(request) if obj is None or obj.pk is None else None
        if isinstance(inline, CareerOccupationInline) and occupation is not None and request.method == "GET":
            kwargs["initial"] = [{"occupation": occupation.pk, "is_primary": True}]
        return kwargs

    # -- List columns and the publication summary --------------------------------------------------------------

    @admin.display(description="Status", ordering="status")
    def status_column(self, career):
        if career.has_unpublished_changes:
            return f"{career.get_status_display()}, with unpublished changes"
        return career.get_status_display()

    @admin.display(description="Last reviewed", ordering="last_reviewed_at")
    def reviewed_column(self, career):
        if career.last_reviewed_at is None:
            return "Never (review due)"
        text = localize(localtime(career.last_reviewed_at).date())
        if career.last_reviewed_by:
            text += f" by {career.last_reviewed_by.get_username()}"
        return f"{text} (review due)" if career.review_is_due else text

    @admin.display(description="Page")
    def page_link(self, career):
        label = "View" if career.is_published else "Preview"
        return format_html('<a href="{}">{}</a>', career.get_absolute_url(), label)

    @admin.display(description="What the public sees")
    def publication_state(self, career):
        if career.pk is None:
            return "A new guide starts as a draft."
        if not career.is_published:
            return f"Nothing: the guide is {career.get_status_display().lower()}. Staff can preview it on the site."
        published = localize(localtime(career.published_at)) if career.published_at else "an unknown date"
        text = f"The version published on {published}"
        if career.published_by:
            text += f" by {career.published_by.get_username()}"
        if career.has_unpublished_changes:
            text += "; changes saved since then are not public yet: publish them, or discard them"
        return text.rstrip(".") + "."

    @admin.display(description="Review")
    def review_state(self, career):
        if career.pk is None or career.last_reviewed_at is None:
            return "Not reviewed yet: check it against its sources, then mark it as reviewed."
        text = f"Last reviewed on {localize(localtime(career.last_reviewed_at).date())}"
        if career.last_reviewed_by:
            text += f" by {career.last_reviewed_by.get_username()}"
        if career.review_is_due:
            text += "; more than 12 months ago, so a review is due"
        return text + "."

    # -- Deleting: a guide that has ever been published keeps its address; unpublish it instead ------------------

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_published or obj.published_at is not None):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)  # it would not ask about each guide's publication
        return actions

    def has_publish_permission(self, request):
        return request.user.has_perm("careers.publish_career")

    # -- Versions: each save is one version of the whole guide, written after its sections ---------------------

    def record_version(self, request, obj, reason):
        services.record_guide_edit(obj, user=request.user, reason=reason)

    def compare(self, obj, old, new, *, chronological=True):
        return versions.compare_versions(obj, old, new, chronological=chronological)

    def restore(self, request, obj, record):
        result = services.restore_version(obj, record, user=request.user)
        notes = list(result.notes)
        if result.career.is_published:
            notes.append("The public page does not change until you publish the restored version.")
        return notes

    # -- Workflow actions (on the list and on each guide's page) -----------------------------------------------

    def _run(self, request, step, queryset, done_message):
        done, skipped = services.apply_to_each(step, queryset, user=request.user)
        if done:
            self.message_user(request, done_message.format(count=done), messages.SUCCESS)
        for career, why in skipped:
            self.message_user(request, f"Skipped {career}: {why}.", messages.WARNING)

    @admin.action(description="Submit for review", permissions=["change"], location=LIST_AND_FORM)
    def submit_for_review(self, request, queryset):
        self._run(request, services.submit_for_review, queryset, "Submitted {count} guide(s) for review.")

    @admin.action(description="Publish (or publish changes)", permissions=["publish"], location=LIST_AND_FORM)
    def publish(self, request, queryset):
        self._run(request, services.publish, queryset, "Published {count} guide(s).")

    @admin.action(description="Unpublish, back to draft", permissions=["publish"], location=LIST_AND_FORM)
    def unpublish(self, request, queryset):
        self._run(request, services.move_to_draft, queryset, "Moved {count} guide(s) back to draft.")

    @admin.action(description="Mark as reviewed today", permissions=["change"], location=LIST_AND_FORM)
    def mark_reviewed(self, request, queryset):
        self._run(request, services.mark_reviewed, queryset, "Marked {count} guide(s) as reviewed.")

    @admin.action(description="Discard unpublished changes", permissions=["change"], location=LIST_AND_FORM)
    def discard_changes(self, request, queryset):
        self._run(
            request,
            services.discard_unpublished_changes,
            queryset,
            "Discarded the unpublished changes of {count} guide(s); they stay in the history.",
        )


class GuidePartAdminMixin(VersionedPartAdmin):
    """For a guide's parts edited on their own pages: each save or delete is a new version of the whole guide."""

    part_of = "career"

    def record_whole_version(self, request, whole, reason):
        services.record_guide_edit(whole, user=request.user, reason=reason)


class CareerChildAdmin(GuidePartAdminMixin, admin.ModelAdmin):
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


@admin.register(CareerCertification)
class CareerCertificationAdmin(CareerChildAdmin):
    list_display = ["career", "certification", "order", "note"]
    list_select_related = ["career", "certification"]
    list_filter = ["certification__body", "career"]
    search_fields = ["career__short_name", "certification__acronym", "certification__name"]
    autocomplete_fields = ["career", "certification"]


# -- The certification's page lists the guides that name it: those links are parts of the guides -----------------


class GuidesOfCertificationInline(admin.TabularInline):
    model = CareerCertification
    extra = 0
    fields = ["career", "order", "note"]
    autocomplete_fields = ["career"]
    verbose_name_plural = "Career guides that list this certification"


class CertificationWithGuidesAdmin(CertificationAdmin):
    """certifications' admin page for a credential, with the guides that list it (careers adds them, certifications
    knows no guide). A link edited here changes its guide, which gets a new version."""

    inlines = [*CertificationAdmin.inlines, GuidesOfCertificationInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        touched = {}
        for formset in formsets:
            if formset.model is CareerCertification:
                for link in [
                    *formset.new_objects,
                    *(obj for obj, _ in formset.changed_objects),
                    *formset.deleted_objects,
                ]:
                    touched[link.career_id] = link.career
        for career in touched.values():
            services.record_guide_edit(
                career, user=request.user, reason=f"Certification links changed on {form.instance.acronym}'s page"
            )


admin.site.unregister(Certification)
admin.site.register(Certification, CertificationWithGuidesAdmin)

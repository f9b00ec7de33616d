from django import forms
from django.contrib import admin

from careers import services as career_services
from careers.admin import GuidePartAdminMixin
from careers.models import CareerCertification
from core.admin_history import VersionedAdmin
from reference_data.models import AwardGroup, CipCode

from .models import Certification, CertificationSource, CertifyingBody


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0
    fields = ["acronym", "name", "facts_gathered_on"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # added on the certification's own page, which has all the required facts


@admin.register(CertifyingBody)
class CertifyingBodyAdmin(VersionedAdmin):
    list_display = ["acronym", "name", "url"]
    search_fields = ["acronym", "name"]
    prepopulated_fields = {"slug": ["acronym"]}
    inlines = [CertificationInline]


class CertificationForm(forms.ModelForm):
    # The model stores the award group as text; offer the Find a School award groups so links always work.
    qualifying_award = forms.ChoiceField(
        choices=[("", "No program requirement")] + list(AwardGroup.choices),
        required=False,
        help_text="The level a qualifying program must reach; the page links to a school search at that level.",
    )

    class Meta:
        model = Certification
        fields = ["qualifying_award"]  # the admin's fieldsets add the rest


class CertificationSourceForm(forms.ModelForm):
    covers = forms.MultipleChoiceField(
        label="Facts it supplies for",
        choices=list(Certification.FACT_FIELDS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Tick each part of the page that states a fact from this source; the page marks those facts with it.",
    )

    class Meta:
        model = CertificationSource
        fields = ["certification", "order", "kind", "title", "publisher", "url", "page_date", "may_be_out_of_date",
                  "facts", "covers"]  # fmt: skip


class CertificationSourceInline(admin.StackedInline):
    model = CertificationSource
    form = CertificationSourceForm
    extra = 0
    fields = [("order", "kind"), ("title", "publisher"), "url", ("page_date", "may_be_out_of_date"), "facts", "covers"]
    verbose_name_plural = "Sources: the pages these facts were taken from"


class CareerCertificationInline(admin.TabularInline):
    model = CareerCertification
    extra = 0
    fields = ["career", "order", "note"]
    autocomplete_fields = ["career"]
    verbose_name_plural = "Career guides that list this certification"


@admin.register(Certification)
class CertificationAdmin(VersionedAdmin):
    form = CertificationForm
    list_display = ["acronym", "name", "body", "renewal_cycle_years", "qualifying_award", "facts_gathered_on"]
    list_select_related = ["body"]
    list_filter = ["body", "qualifying_award", "facts_gathered_on"]
    search_fields = ["acronym", "name", "body__acronym", "body__name"]
    prepopulated_fields = {"slug": ["acronym"]}
    filter_horizontal = ["qualifying_programs"]
    date_hierarchy = "facts_gathered_on"
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["body", "acronym", "name", "slug"]}),
        ("Who and what", {"fields": ["what_it_shows", "who_it_suits", "eligibility"]}),
        (
            "Qualifying programs",
            {
                "fields": ["qualifying_programs", "qualifying_award"],
                "description": "Only where eligibility depends on finishing a type of program (for example RHIT).",
            },
        ),
        (
            "Exam",
            {"fields": ["exam_questions", "exam_length", "exam_fee", "exam_delivery"]},
        ),
        ("Renewal", {"fields": ["renewal_cycle_years", "continuing_education"]}),
        (
            "Sources",
            {
                "fields": ["notes", "official_url", "facts_gathered_on"],
                "description": "List every page a fact came from under Sources below, and tick the facts it "
                "supplies: the page shows each fact's source. Mark copies, secondary pages and old pages as such.",
            },
        ),
    ]
    inlines = [CertificationSourceInline, CareerCertificationInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Links to guides edited here change those guides: each gets a new version.
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
            career_services.record_guide_edit(
                career, user=request.user, reason=f"Certification links changed on {form.instance.acronym}'s page"
            )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "qualifying_programs":
            # Schools list programs by 6-digit CIP code, so only those can qualify.
            kwargs["queryset"] = CipCode.objects.filter(digits=6)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(CertificationSource)
class CertificationSourceAdmin(admin.ModelAdmin):
    """All sources in one list, to find the facts that rest on secondary or old pages."""

    form = CertificationSourceForm
    list_display = ["title", "publisher", "certification", "kind", "page_date", "may_be_out_of_date"]
    list_select_related = ["certification"]
    list_filter = ["kind", "may_be_out_of_date", "certification__body"]
    search_fields = ["title", "publisher", "url", "facts", "certification__acronym"]
    autocomplete_fields = ["certification"]

    # A source belongs to its certification's page: each change here is a new version of the certification, which
    # is also what tells the page cache (core/page_cache.py) that the page changed.
    def _record(self, request, certification, verb):
        certification._history_user = request.user
        certification._change_reason = f"Source {verb} on its own page"
        try:
            certification.save()
        finally:
            certification.__dict__.pop("_history_user", None)
            certification.__dict__.pop("_change_reason", None)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or form.has_changed():
            self._record(request, obj.certification, "changed" if change else "added")

    def delete_model(self, request, obj):
        certification = obj.certification
        super().delete_model(request, obj)
        self._record(request, certification, "removed")

    def delete_queryset(self, request, queryset):
        certifications = list(Certification.objects.filter(pk__in=queryset.values("certification_id")))
        super().delete_queryset(request, queryset)
        for certification in certifications:
            self._record(request, certification, "removed")


@admin.register(CareerCertification)
class CareerCertificationAdmin(GuidePartAdminMixin, admin.ModelAdmin):
    list_display = ["career", "certification", "order", "note"]
    list_select_related = ["career", "certification"]
    list_filter = ["certification__body", "career"]
    search_fields = ["career__short_name", "certification__acronym", "certification__name"]
    autocomplete_fields = ["career", "certification"]

from django import forms
from django.contrib import admin

from careers import services as career_services
from careers.admin import GuidePartAdminMixin
from core.admin_history import VersionedAdmin
from schools.models import AwardGroup, CipCode

from .models import CareerCertification, Certification, CertifyingBody


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0
    fields = ["acronym", "name", "facts_checked_on"]
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


class CareerCertificationInline(admin.TabularInline):
    model = CareerCertification
    extra = 0
    fields = ["career", "order", "note"]
    autocomplete_fields = ["career"]
    verbose_name_plural = "Career guides that list this certification"


@admin.register(Certification)
class CertificationAdmin(VersionedAdmin):
    form = CertificationForm
    list_display = ["acronym", "name", "body", "renewal_cycle_years", "qualifying_award", "facts_checked_on"]
    list_select_related = ["body"]
    list_filter = ["body", "qualifying_award", "facts_checked_on"]
    search_fields = ["acronym", "name", "body__acronym", "body__name"]
    prepopulated_fields = {"slug": ["acronym"]}
    filter_horizontal = ["qualifying_programs"]
    date_hierarchy = "facts_checked_on"
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
                "fields": ["notes", "source_url", "facts_checked_on"],
                "description": "Name the source of any fact that does not come from the source URL, in the notes.",
            },
        ),
    ]
    inlines = [CareerCertificationInline]

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


@admin.register(CareerCertification)
class CareerCertificationAdmin(GuidePartAdminMixin, admin.ModelAdmin):
    list_display = ["career", "certification", "order", "note"]
    list_select_related = ["career", "certification"]
    list_filter = ["certification__body", "career"]
    search_fields = ["career__short_name", "certification__acronym", "certification__name"]
    autocomplete_fields = ["career", "certification"]

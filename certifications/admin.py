from django import forms
from django.contrib import admin

from core.admin_history import VersionedAdmin, VersionedPartAdmin
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
    # careers adds the guides that list the credential (careers/admin.py, CertificationWithGuidesAdmin).
    inlines = [CertificationSourceInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "qualifying_programs":
            # Schools list programs by 6-digit CIP code, so only those can qualify.
            kwargs["queryset"] = CipCode.objects.filter(digits=6)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(CertificationSource)
class CertificationSourceAdmin(VersionedPartAdmin, admin.ModelAdmin):
    """All sources in one list, to find the facts that rest on secondary or old pages.

    A source belongs to its certification's page: each change here is a new version of the certification, which
    is also what tells the page cache (core/page_cache.py) that the page changed."""

    form = CertificationSourceForm
    list_display = ["title", "publisher", "certification", "kind", "page_date", "may_be_out_of_date"]
    list_select_related = ["certification"]
    list_filter = ["kind", "may_be_out_of_date", "certification__body"]
    search_fields = ["title", "publisher", "url", "facts", "certification__acronym"]
    autocomplete_fields = ["certification"]
    part_of = "certification"
    part_label = "Source"
    history_is_the_wholes = False  # a source keeps its own change list, as before

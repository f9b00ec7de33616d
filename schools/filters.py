"""The Find a School search: one django-filter FilterSet over institutions.

django-filter applies the fields that validate and silently drops the rest, which would broaden results. The view
therefore filters only when the whole form is valid and otherwise shows the errors; this module keeps every message
short, in plain words, and free of the value typed (which may be 10,000 characters or contain NUL bytes); only a ZIP
code is repeated back, once it is known to be 5 digits.
"""

from functools import lru_cache
from html import escape
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import F, Q
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from reference_data.models import AWARD_LEVELS_BY_GROUP, AwardGroup, ZipCentroid

from . import search_data, selectors
from .models import Institution, InstitutionOverride
from .states import STATE_CHOICES, STATE_NAMES

RADIUS_CHOICES = [(str(miles), f"{miles} miles") for miles in (10, 25, 50, 100, 250)]


class Sort:
    DISTANCE = "distance"
    NAME = "name"
    COMPLETIONS = "completions"
    CHOICES = [(DISTANCE, "Distance, nearest first"), (NAME, "Name, A to Z"), (COMPLETIONS, "Most completions")]
    # The empty choice. It must not be a fixed order: the form sends the order it shows, so a box showing "Name" on
    # the first visit would make every ZIP code search typed into it list schools A to Z, not nearest first.
    DEFAULT_LABEL = "Nearest first (A to Z without a ZIP code)"


MAX_TEXT_LENGTH = 100


def choice_error(what):
    return {"invalid_choice": f"Choose {what} from the list."}


@lru_cache(maxsize=64)
def _option_markup(choices):
    """Each option's value and its <option> markup, unselected and selected, escaped once per list of options."""
    markup = []
    for value, label in choices:
        opening, text = f'<option value="{escape(str(value))}"', f">{escape(str(label))}</option>"
        markup.append((str(value), opening + text, f"{opening} selected{text}"))
    return tuple(markup)


class FastSelect(forms.Select):
    """A <select> written out in Python. Django renders each <option> through a template (about 0.3 ms apiece on
    this machine), and the program list alone has 270 options: that was a quarter of a search's server time on
    national data. Same markup and attributes (id, aria-describedby, aria-invalid) as Django's."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = "".join(
            chosen if raw in selected else plain for raw, plain, chosen in _option_markup(tuple(self.choices))
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), mark_safe(options))  # noqa: S308 - escaped in _option_markup


class OptionChoiceField(forms.Field):
    """One of a list of options (a guide's slug, a CIP code) that cleans to the object the option stands for.

    The FilterSet fills in ``options`` and ``objects`` from the search options read once per content version
    (search_data). Not a ChoiceField: each form copies its fields, and a ChoiceField deep-copies and re-normalizes
    all 270 program options every time; these options are never changed, so the copies share them.
    """

    widget = FastSelect
    default_error_messages = {"invalid_choice": "Choose an option from the list."}

    def __init__(self, *, options=(), objects=None, empty_label="", **kwargs):
        super().__init__(**kwargs)
        self.objects = objects or {}
        self.widget.choices = (("", empty_label), *options)

    def to_python(self, value):
        return "" if value in self.empty_values else str(value)

    def validate(self, value):
        super().validate(value)
        if value and value not in self.objects:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(value) if value else None


class OptionFilter(django_filters.Filter):
    field_class = OptionChoiceField


class ZipCodeField(forms.CharField):
    """5 digits, and a ZIP code we have a centroid for; cleans to that ZipCentroid."""

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        if not (len(value) == 5 and value.isascii() and value.isdigit()):
            raise forms.ValidationError("Enter a ZIP code as 5 digits, like 35801.", code="invalid")
        centroid = ZipCentroid.objects.filter(zip_code=value).first()
        if centroid is None:
            raise forms.ValidationError(
                f"We don't know ZIP code {value}. Check it, or search by state instead.", code="unknown"
            )
        return centroid


class ZipCodeFilter(django_filters.CharFilter):
    field_class = ZipCodeField


class PageFilter(django_filters.Filter):
    field_class = forms.IntegerField


class SchoolSearchForm(forms.Form):
    """Cross-field checks: a distance needs a ZIP code; sorting by distance needs one too."""

    def clean(self):
        data = super().clean()
        # The cleaned ZIP code, not the raw one: a box holding only spaces is empty once stripped.
        zip_given = data.get("zip") is not None
        if data.get("radius") and not zip_given and "zip" not in self.errors:
            self.add_error("zip", f"Enter a ZIP code to search within {data['radius']} miles.")
        if data.get("sort") == Sort.DISTANCE and not zip_given and "zip" not in self.errors:
            self.add_error("sort", "Enter a ZIP code to sort by distance, or choose another order.")
        return data


class SchoolFilter(django_filters.FilterSet):
    """Every filter names its field and lookup, or the method that applies it."""

    # The options of career and program come from search_data in __init__.
    career = OptionFilter(
        label="Career",
        empty_label="Any career",
        method="filter_program_criterion",
        error_messages={"invalid_choice": "We have no guide for that career. Choose a career from the list."},
    )
    program = OptionFilter(
        label="Program",
        help_text="Health programs by their official (CIP 2020) title.",
        empty_label="Any health program",
        method="filter_program_criterion",
        error_messages={"invalid_choice": "Choose a program from the list."},
    )
    q = django_filters.CharFilter(
        label="School name",
        method="filter_name_or_alias",
        max_length=MAX_TEXT_LENGTH,
        error_messages={"max_length": f"Enter a school name of {MAX_TEXT_LENGTH} characters or fewer."},
    )
    state = django_filters.ChoiceFilter(
        widget=FastSelect,
        label="State or territory",
        field_name="state",
        lookup_expr="exact",
        choices=STATE_CHOICES,
        empty_label="Any state",
        error_messages=choice_error("a state or territory"),
    )
    zip = ZipCodeFilter(
        label="ZIP code",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
        help_text="5 digits, for example 35801.",
        method="filter_near_zip",
        max_length=5,
        # Longer input fails here, before any query, with the same message as other malformed ZIP codes.
        error_messages={"max_length": "Enter a ZIP code as 5 digits, like 35801."},
    )
    radius = django_filters.ChoiceFilter(
        widget=FastSelect,
        label="Distance from the ZIP code",
        choices=RADIUS_CHOICES,
        empty_label="Any distance",
        method="filter_radius_with_zip",
        error_messages=choice_error("a distance"),
    )
    award = django_filters.ChoiceFilter(
        widget=FastSelect,
        label="Credential",
        choices=AwardGroup.choices,
        empty_label="Any credential",
        method="filter_program_criterion",
        error_messages=choice_error("a credential"),
    )
    control = django_filters.ChoiceFilter(
        widget=FastSelect,
        label="Type of school",
        field_name="control",
        lookup_expr="exact",
        choices=Institution.Control.choices,
        empty_label="Any type",
        error_messages=choice_error("a type of school"),
    )
    level = django_filters.ChoiceFilter(
        widget=FastSelect,
        label="Length of longest program",
        field_name="level",
        lookup_expr="exact",
        choices=Institution.Level.choices,
        empty_label="Any length",
        error_messages=choice_error("a length"),
    )
    sort = django_filters.ChoiceFilter(
        widget=FastSelect,
        label="Sort by",
        choices=Sort.CHOICES,
        empty_label=Sort.DEFAULT_LABEL,
        null_label=None,
        method="sort_results",
        error_messages=choice_error("an order"),
    )
    page = PageFilter(
        label="Page",
        # A text box, not type=number: browsers blank a number box holding "abc", losing what was typed.
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        method="paginated_by_the_view",
        min_value=1,
        error_messages={"invalid": "Enter a page number, like 2.", "min_value": "Enter a page number, like 2."},
    )

    class Meta:
        model = Institution
        fields = []
        form = SchoolSearchForm

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.criteria = None
        options = search_data.search_options(self.request)
        self.filters["career"].extra.update(options=options.career_choices, objects=options.careers)
        self.filters["program"].extra.update(options=options.program_choices, objects=options.programs)

    # Program-level criteria -------------------------------------------------------------------------------------

    def build_criteria(self):
        data = self.form.cleaned_data
        award = data.get("award")
        return search_data.program_criteria(
            career=data.get("career"),
            cip=data.get("program"),
            award_levels=AWARD_LEVELS_BY_GROUP[AwardGroup(award)] if award else (),
            request=self.request,
        )

    def filter_queryset(self, queryset):
        """Career, program and award must hold for the same program, and every school needs a program in the
        newest completions year even when none is chosen: that part is applied here, once, for all three."""
        self.criteria = self.build_criteria()
        queryset = selectors.schools_offering(queryset, self.criteria)
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            # The default order (Sort.DEFAULT_LABEL); django-filter calls no method for an empty value.
            default = Sort.DISTANCE if self.form.cleaned_data.get("zip") else Sort.NAME
            queryset = self.sort_results(queryset, "sort", default)
        return queryset

    def filter_program_criterion(self, queryset, name, value):
        # Applied together in filter_queryset (see ProgramCriteria).
        return queryset

    # Institution-level filters ----------------------------------------------------------------------------------

    def filter_name_or_alias(self, queryset, name, value):
        # The schools staff renamed are looked up first (a handful of rows), so that the rest is three conditions on
        # the institution table itself, which PostgreSQL answers from its trigram indexes (schools migration 0006)
        # instead of scanning every school.
        renamed = list(
            InstitutionOverride.objects.filter(display_name__icontains=value).values_list("institution_id", flat=True)
        )
        return queryset.filter(Q(name__icontains=value) | Q(alias__icontains=value) | Q(pk__in=renamed))

    def filter_near_zip(self, queryset, name, centroid):
        radius = self.form.cleaned_data.get("radius")
        return selectors.with_distance(queryset, centroid.latitude, centroid.longitude, int(radius) if radius else None)

    def filter_radius_with_zip(self, queryset, name, value):
        # The radius only means something from a ZIP code; filter_near_zip applies it.
        return queryset

    def paginated_by_the_view(self, queryset, name, value):
        # The page is validated with the rest of the form; the view's Paginator turns it into a slice (or a 404).
        return queryset

    def sort_results(self, queryset, name, value):
        if value == Sort.DISTANCE:
            return queryset.order_by(F("distance_miles").asc(nulls_last=True), "shown_name", "unitid")
        if value == Sort.COMPLETIONS:
            queryset = selectors.with_completions_total(queryset, self.criteria)
            return queryset.order_by(F("matching_completions").desc(nulls_last=True), "shown_name", "unitid")
        return queryset.order_by("shown_name", "unitid")

    # Presentation helpers -----------------------------------------------------------------------------------------

    def active_filters(self, query_dict):
        """The filters in force, each as (name, value, link to the same search without it, from page 1)."""
        if not self.is_bound or not self.form.is_valid():
            return []
        data = self.form.cleaned_data
        items = []
        if data.get("career"):
            items.append(("Career", data["career"].short_name, search_url_without(query_dict, "career")))
        if data.get("program"):
            program = data["program"]
            label = f"{program.plain_title} ({program.code})"
            items.append(("Program", label, search_url_without(query_dict, "program")))
        if data.get("q"):
            items.append(("Name", data["q"], search_url_without(query_dict, "q")))
        if data.get("state"):
            items.append(("State", STATE_NAMES[data["state"]], search_url_without(query_dict, "state")))
        if data.get("zip"):
            zip_code, radius = data["zip"].zip_code, data.get("radius")
            label = f"Within {radius} miles of {zip_code}" if radius else f"Distance from {zip_code}"
            # Without a ZIP code there is no distance to limit or sort by.
            items.append(("Place", label, search_url_without(query_dict, "zip", "radius", "sort")))
        if data.get("award"):
            items.append(("Credential", AwardGroup(data["award"]).label, search_url_without(query_dict, "award")))
        if data.get("control"):
            label = Institution.Control(data["control"]).label
            items.append(("Type of school", label, search_url_without(query_dict, "control")))
        if data.get("level"):
            label = Institution.Level(data["level"]).label
            items.append(("Length", label, search_url_without(query_dict, "level")))
        return items

    def widen_suggestions(self, query_dict):
        """Ways to widen a search that found nothing: a larger distance, then dropping each filter."""
        suggestions = []
        data = self.form.cleaned_data if self.form.is_valid() else {}
        radius = data.get("radius")
        if data.get("zip") and radius:
            larger = [miles for miles, _ in RADIUS_CHOICES if int(miles) > int(radius)]
            if larger:
                url = search_url_without(query_dict, "radius", extra=[("radius", larger[0])])
                suggestions.append((f"Search within {larger[0]} miles", url))
        for name, value, url in self.active_filters(query_dict):
            suggestions.append((f"Remove {name.lower()}: {value}", url))
        return suggestions


def search_url_without(query_dict, *names, extra=()):
    """The search URL with the same parameters minus ``names`` (and page/format, so it starts from page 1)."""
    dropped = {*names, "page", "format"}
    params = [(key, value) for key, values in query_dict.lists() if key not in dropped for value in values]
    params.extend(extra)
    base = reverse("schools:search")
    return f"{base}?{urlencode(params)}" if params else base

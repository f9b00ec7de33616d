"""Find a School's search form, and the compare page's check of its ``unitid`` values.

The form holds every field of the search and the cross-field checks; the FilterSet (filters.py) and the selector
(selectors.school_search) only ever see what it cleaned. Messages are short, in plain words and free of the value
typed (which may be 10,000 characters or contain NUL bytes); only the place box is repeated back, once it is known to
be at most 60 printable characters. Control characters are refused in the text boxes and never written back into them.
"""

import re
from functools import lru_cache
from html import escape

from django import forms
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.forms import CONTROL_CHARACTERS, PrintableTextInput, PublicFormRenderer, html_attributes
from reference_data.models import AWARD_LEVELS_BY_GROUP, AwardGroup
from reference_data.places import PlaceNotFound, resolve_place

from . import search_data
from .models import Institution
from .selectors import SchoolSearchCriteria, Sort
from .states import STATE_CHOICES

RADIUS_CHOICES = [(str(miles), f"{miles} miles") for miles in (10, 25, 50, 100, 250)]
MAX_TEXT_LENGTH = 100
MAX_PLACE_LENGTH = 60

SORT_CHOICES = [
    (Sort.DISTANCE, "Distance, nearest first"),
    (Sort.NAME, "Name, A to Z"),
    (Sort.COMPLETIONS, "Most completions"),
    (Sort.NET_PRICE, "Net price, lowest first"),
    (Sort.EARNINGS, "Graduates' earnings, highest first"),
]
# The empty choice. It must not be a fixed order: the form sends the order it shows, so a box showing "Name" on the
# first visit would make every ZIP code search typed into it list schools A to Z, not nearest first.
SORT_DEFAULT_LABEL = "Nearest first (A to Z without a ZIP code)"


def choice_error(what):
    return {"invalid_choice": f"Choose {what} from the list."}


@lru_cache(maxsize=64)
def _option_markup(choices):
    """Each option's value and its <option> markup, unselected and selected, escaped once per list of options.
    A choice whose second item is a tuple of choices is a group (<optgroup>); its tags have no value (None)."""
    markup = []
    for value, label in choices:
        if isinstance(label, tuple):
            if label:
                group = f'<optgroup label="{escape(str(value))}">'
                markup += [(None, group, group), *_option_markup(label), (None, "</optgroup>", "</optgroup>")]
            continue
        opening, text = f'<option value="{escape(str(value))}"', f">{escape(str(label))}</option>"
        markup.append((str(value), opening + text, f"{opening} selected{text}"))
    return tuple(markup)


def _hashable(choices):
    """The choices as nested tuples (Django turns a group's options into a list), so _option_markup can cache them."""
    return tuple(
        (value, tuple(tuple(option) for option in label)) if isinstance(label, list | tuple) else (value, label)
        for value, label in choices
    )


class FastSelect(forms.Select):
    """A <select> written out in Python. Django renders each <option> through a template (about 0.3 ms apiece on
    this machine), and the program list alone has 270 options: that was a quarter of a search's server time on
    national data. Same markup and attributes (id, aria-describedby, aria-invalid) as Django's.

    Its choices are kept as nested tuples: pairs, or (group label, pairs), as the fields here build them. Django
    normalizes a widget's choices on every assignment, and each form copies its widgets: 0.3 ms a search for the
    370 career and program options. A tuple is kept as it is (so each form's copy is the same object); anything
    else is turned into one once, when it is assigned, not on every rendering."""

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = value if isinstance(value, tuple) else _hashable(value)

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = "".join(chosen if raw in selected else plain for raw, plain, chosen in _option_markup(self._choices))
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, html_attributes(final_attrs), mark_safe(options))  # noqa: S308 - escaped in _option_markup


class NoControlCharactersField(forms.CharField):
    """Free text, refused (with a message, not silently changed) when it holds a control character."""

    widget = PrintableTextInput
    control_message = "Remove the control characters (such as a NUL byte) from this box."

    def to_python(self, value):
        # Before the validators, so Django's own NUL check (a message of its own) never comes first.
        value = super().to_python(value)
        if CONTROL_CHARACTERS.search(value):
            raise forms.ValidationError(self.control_message, code="control_characters")
        return value


class OptionChoiceField(forms.Field):
    """One of a list of options (a guide's slug, a CIP code) that cleans to the object the option stands for.

    The form fills in ``options`` and ``objects`` from the search options read once per content version
    (search_data). Not a ChoiceField: each form copies its fields, and a ChoiceField deep-copies and re-normalizes
    all 270 program options every time; these options are never changed, so the copies share them.
    """

    widget = FastSelect
    default_error_messages = {"invalid_choice": "Choose an option from the list."}

    def __init__(self, *, options=(), objects=None, empty_label="", **kwargs):
        super().__init__(**kwargs)
        self.empty_label = empty_label
        self.set_options(options, objects)

    def set_options(self, options, objects):
        self.objects = objects or {}
        self.widget.choices = (("", self.empty_label), *options)

    def to_python(self, value):
        return "" if value in self.empty_values else str(value)

    def validate(self, value):
        super().validate(value)
        if value and value not in self.objects:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def clean(self, value):
        value = super().clean(value)
        return self.objects.get(value) if value else None


class ZipCodeField(NoControlCharactersField):
    """A ZIP code or "City, ST"; cleans to a reference_data.places.Place (where the point and the metro area come
    from is documented there)."""

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        try:
            return resolve_place(value)
        except PlaceNotFound as error:
            raise forms.ValidationError(str(error), code="unknown") from None


# The largest average net price in the June 2026 College Scorecard file is $115,636 (the smallest -$2,296); a limit
# above this one would filter nothing.
MAX_NET_PRICE_LIMIT = 200_000
NET_PRICE_MESSAGE = "Enter a net price in whole dollars, like 15000."


class DollarsField(forms.IntegerField):
    """Whole dollars, typed as 15000, 15,000 or $15,000 (a visitor writes money the way it is shown)."""

    widget = PrintableTextInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("$").replace(",", "")
            if len(value) > 12:
                # int() of a 4,300-digit string raises; anything this long is not a price anyway.
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def _checkbox(label, **kwargs):
    return forms.BooleanField(label=label, required=False, template_name="includes/checkbox_field.html", **kwargs)


class FixedChoiceField(forms.ChoiceField):
    """A ChoiceField whose choices are fixed in the code (states, orders, radii). Each form deep-copies its fields,
    and ChoiceField deep-copies its choices with them: six such fields were 0.3 ms of every search. These choices are
    never changed, so the copies share them."""

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result._choices = self._choices
        return result


def _select(label, choices, empty_label, what, **kwargs):
    return FixedChoiceField(
        label=label,
        choices=[("", empty_label), *choices],
        widget=FastSelect,
        required=False,
        error_messages=choice_error(what),
        **kwargs,
    )


class SchoolSearchForm(forms.Form):
    default_renderer = PublicFormRenderer  # core/forms.py
    """Every field of the search, in the order of its parameters in links and in the page cache's key (known_query).

    The career and program boxes offer the published guides and health programs read once per content version
    (search_data.search_options). Cross-field checks: a distance needs a ZIP code; sorting by distance needs one too.
    """

    career = OptionChoiceField(
        label="Career",
        empty_label="Any career",
        required=False,
        error_messages={"invalid_choice": "We have no career by that name. Choose a career from the list."},
    )
    program = OptionChoiceField(
        label="Program",
        help_text="Health programs by their official (CIP 2020) title.",
        empty_label="Any health program",
        required=False,
        error_messages={"invalid_choice": "Choose a program from the list."},
    )
    q = NoControlCharactersField(
        label="School name",
        required=False,
        max_length=MAX_TEXT_LENGTH,
        error_messages={"max_length": f"Enter a school name of {MAX_TEXT_LENGTH} characters or fewer."},
    )
    state = _select("State or territory", STATE_CHOICES, "Any state", "a state or territory")
    zip = ZipCodeField(
        label="ZIP code or city",
        required=False,
        widget=PrintableTextInput(attrs={"autocomplete": "postal-code"}),
        help_text="5 digits, like 35801, or a city and state, like Houston, TX.",
        max_length=MAX_PLACE_LENGTH,
        # Longer input fails here, before any look-up.
        error_messages={
            "max_length": f"Enter a ZIP code, or a city and state of {MAX_PLACE_LENGTH} characters or fewer."
        },
    )
    radius = _select("Distance from the ZIP code", RADIUS_CHOICES, "Any distance", "a distance")
    award = _select("Credential", AwardGroup.choices, "Any credential", "a credential")
    control = _select("Type of school", Institution.Control.choices, "Any type", "a type of school")
    level = _select("Length of longest program", Institution.Level.choices, "Any length", "a length")
    max_net_price = DollarsField(
        label="Maximum net price a year",
        required=False,
        min_value=0,
        max_value=MAX_NET_PRICE_LIMIT,
        help_text="What students pay after grants, on average (College Scorecard). Schools with no published net "
        "price are left out.",
        widget=PrintableTextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": NET_PRICE_MESSAGE,
            "min_value": "Enter a net price of $0 or more.",
            "max_value": f"Enter a net price of ${MAX_NET_PRICE_LIMIT:,} or less.",
        },
    )
    online = _checkbox("Offers programs online (distance education)")
    federal_aid = _checkbox("Federal student aid available (Title IV)")
    include_closed = _checkbox("Include closed schools")
    sort = _select("Sort by", SORT_CHOICES, SORT_DEFAULT_LABEL, "an order")
    page = forms.IntegerField(
        label="Page",
        required=False,
        # A text box, not type=number: browsers blank a number box holding "abc", losing what was typed.
        widget=PrintableTextInput(attrs={"inputmode": "numeric"}),
        min_value=1,
        error_messages={"invalid": "Enter a page number, like 2.", "min_value": "Enter a page number, like 2."},
    )

    def __init__(self, data=None, *, options, **kwargs):
        """``options``: search_data.SearchOptions, what the career and program boxes offer."""
        super().__init__(data, **kwargs)
        self.fields["career"].set_options(options.career_choices, options.careers)
        self.fields["program"].set_options(options.program_choices, options.programs)

    def clean(self):
        data = super().clean()
        # The cleaned ZIP code, not the raw one: a box holding only spaces is empty once stripped.
        zip_given = data.get("zip") is not None
        if data.get("radius") and not zip_given and "zip" not in self.errors:
            self.add_error("zip", f"Enter a ZIP code to search within {data['radius']} miles.")
        if data.get("sort") == Sort.DISTANCE and not zip_given and "zip" not in self.errors:
            self.add_error("sort", "Enter a ZIP code to sort by distance, or choose another order.")
        return data

    def search_criteria(self, request=None) -> SchoolSearchCriteria:
        """What selectors.school_search takes, from a valid form (the program criteria are read once per content
        version: search_data)."""
        data = self.cleaned_data
        programs = search_data.program_criteria(
            career=data["career"], cip=data["program"], award_levels=self.award_levels, request=request
        )
        return SchoolSearchCriteria(
            programs=programs,
            name=data["q"],
            state=data["state"],
            control=data["control"],
            level=data["level"],
            near=data["zip"],
            radius_miles=self.radius_miles,
            sort=self.sort_order,
            **self.judging_criteria(),
        )

    def judging_criteria(self):
        """The judging filters' part of SchoolSearchCriteria."""
        data = self.cleaned_data
        return {
            "include_closed": data["include_closed"],
            "online": data["online"],
            "federal_aid": data["federal_aid"],
            "max_net_price": data["max_net_price"],
        }

    @property
    def award_levels(self):
        award = self.cleaned_data.get("award")
        return tuple(AWARD_LEVELS_BY_GROUP[AwardGroup(award)]) if award else ()

    @property
    def radius_miles(self):
        radius = self.cleaned_data.get("radius")
        return int(radius) if radius else None

    @property
    def sort_order(self):
        """The order chosen, or the default one (Sort.DEFAULT_LABEL): by distance from a ZIP code, else by name."""
        return self.cleaned_data.get("sort") or (Sort.DISTANCE if self.cleaned_data.get("zip") else Sort.NAME)

    @classmethod
    def known_query(cls, query_dict) -> QueryDict:
        """The search's own parameters from a query string: the last value of each (the one a form reads), without
        surrounding spaces, in the fields' order, empty ones and unknown names left out; a valid page number is
        written plainly ("02" is "2").

        The form is bound to this, so the page is made from it alone: the page cache keys on it, and the page's
        links carry it. ``?state=AL&utm_source=x&junk=1`` and ``?state=AL`` are one page and one cache entry.
        """
        known = QueryDict(mutable=True)
        for name in cls.base_fields:
            value = query_dict.get(name)
            value = value.strip() if value else ""
            if name == "page" and value.isascii() and value.isdigit() and int(value) > 0:
                value = str(int(value))
            if isinstance(cls.base_fields[name], forms.BooleanField):
                # A ticked box is "on" however it was written; "false" and "0" are unticked, as Django reads them.
                value = "on" if cls.base_fields[name].to_python(value) else ""
            if value:
                known[name] = value
        known._mutable = False
        return known


MAX_COMPARED = 4
UNITID_PATTERN = re.compile(r"[0-9]{1,9}")


# How many ticks a search page carries from page to page. More than MAX_COMPARED is allowed (the compare page then
# asks to untick some, keeping them all), but the count is bounded so an address cannot make a page of any size.
MAX_SELECTION = 20


def compare_selection(query_dict) -> tuple[str, ...]:
    """The schools ticked for comparison in a search's address (``unitid``, repeated): well-formed UNITIDs in the
    order given, without repeats, at most MAX_SELECTION; anything else is dropped, since a tick is only a mark."""
    unitids = dict.fromkeys(value.strip() for value in query_dict.getlist("unitid"))
    return tuple(unitid for unitid in unitids if UNITID_PATTERN.fullmatch(unitid))[:MAX_SELECTION]


def parse_compare_unitids(query_dict):
    """Return (unitids, error): up to MAX_COMPARED well-formed UNITIDs in the order given, or a message saying why
    not. Duplicates are dropped; nothing is looked up here."""
    # dict.fromkeys drops repeats and keeps the order (Django caps a query string at 1,000 fields).
    unitids = list(dict.fromkeys(value.strip() for value in query_dict.getlist("unitid") if value.strip()))
    if not unitids:
        return [], ""  # nothing chosen yet is not an error: the page explains how to choose
    if len(unitids) > MAX_COMPARED:
        return [], (
            f"You can compare up to {MAX_COMPARED} schools at a time; you chose {len(unitids)}. "
            "Go back to your search, where your ticks are kept, and untick "
            f"{'one' if len(unitids) == MAX_COMPARED + 1 else len(unitids) - MAX_COMPARED}."
        )
    if any(not UNITID_PATTERN.fullmatch(value) for value in unitids):
        return [], "This address has a school number that is not a UNITID (UNITIDs are up to 9 digits)."
    return unitids, ""

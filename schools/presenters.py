"""What Find a School shows of a school and its programs, computed once for the result cards, the comparison and
the CSV export: each school's matching programs in reading order (by CIP code, shortest credential first) and their
completions summed. Also the search's active filters and the ways to widen it, as the parameters each one changes
(the templates turn them into links with ``{% querystring %}``). No HTML here: the templates write it.
"""

import re
from dataclasses import dataclass
from itertools import groupby

from careers.pay_near_you import pay_rows
from reference_data.models import AwardGroup
from reference_data.pay import assemble

from .card_figures import CardFigures, card_figures, csv_figure_cells
from .models import Institution, Program, school_slug, web_link
from .search_figures import FIGURE_FIELDS, matching_outcome_figures
from .selectors import AWARD_LEVEL_ORDER, CareerWages
from .states import STATE_NAMES

AWARD_LEVEL_LABELS = dict(Program.AwardLevel.choices)
CONTROL_LABELS = dict(Institution.Control.choices)
LEVEL_LABELS = dict(Institution.Level.choices)


@dataclass(frozen=True, slots=True)
class ProgramLine:
    """One matching program of a school, with its completions in the newest year."""

    cip_code: str
    title: str  # the CIP title without its closing full stop
    award_level: str
    completions: int

    @property
    def award_label(self):
        return AWARD_LEVEL_LABELS.get(self.award_level, self.award_level)

    @property
    def completions_words(self):
        """ "1 completion", "1,204 completions"."""
        return f"{self.completions:,} completion{'' if self.completions == 1 else 's'}"

    @classmethod
    def from_program(cls, program):
        """From a Program with its ``cip`` and ``completions_in_year`` (ProgramCriteria.programs())."""
        return cls(program.cip.code, program.cip.plain_title, program.award_level, program.completions_in_year)

    @classmethod
    def from_row(cls, row):
        """From a row of selectors.school_search_rows."""
        return cls(row["cip_code"], row["cip_title"].rstrip("."), row["award_level"], row["completions"])


def in_reading_order(lines):
    return tuple(sorted(lines, key=lambda line: (line.cip_code, AWARD_LEVEL_ORDER.get(line.award_level, 99))))


@dataclass(frozen=True)
class SchoolCard:
    """A school as a result card or a column of the comparison shows it."""

    school: Institution
    programs: tuple  # ProgramLine, in reading order
    completions_total: int
    state_name: str
    state_wage: object = None  # the career's WageEstimate in the school's state, on a career search
    figures: CardFigures | None = None  # cost, net price, earnings, closure (search results)
    metro_wage: object = None  # ... and in the school's own metro area, where OEWS publishes one
    # What the result card prints, in words, so that its template only writes them out: the 20 cards were half of a
    # new search's time in Django's template engine, a third of that in reversing the school's address three times
    # and most of the rest in looking values up through several objects and filters (0.30 ms a card; 0.16 ms now).
    # The address comes with the school from search_results.page_schools, which keeps it per content version.
    url: str = ""
    kind: str = ""  # "Public · 2-year"
    distance: str = ""  # "12.3" miles from the searched place; "" without one or without a location

    @property
    def state_median(self):
        return _dollars(self.state_wage.annual_median) if self.state_wage else ""

    @property
    def metro_median(self):
        return _dollars(self.metro_wage.annual_median) if self.metro_wage else ""

    @classmethod
    def build(cls, school, wages: CareerWages | None = None, metro_wages=None, *, figures=False):
        programs = in_reading_order(ProgramLine.from_program(p) for p in school.matching_programs)
        miles = getattr(school, "distance_miles", None)
        return cls(
            school=school,
            url=getattr(school, "page_url", "") or school.get_absolute_url(),
            kind=f"{CONTROL_LABELS.get(school.control, school.control) or 'Type not reported'} · "
            f"{LEVEL_LABELS.get(school.level, school.level) or 'Length not reported'}",
            # As the comparison and the CSV round it (floatformat rounded halves up, so a card could say 12.3 miles
            # where the CSV said 12.2).
            distance=f"{miles:.1f}" if miles is not None else "",
            programs=programs,
            completions_total=sum(line.completions for line in programs),
            state_name=STATE_NAMES.get(school.state, school.state),
            state_wage=wages.for_state(school.state) if wages else None,
            figures=card_figures(school) if figures else None,
            metro_wage=(metro_wages or {}).get(school.cbsa) if school.cbsa else None,
        )


def _dollars(amount):
    """ "$38,150", or "" where BLS published none (the template says so in words)."""
    return f"${amount:,}" if amount else ""


def school_cards(schools, wages: CareerWages | None = None, metro_wages=None, *, figures=False):
    """Cards for the schools of search_results.page_schools, with their ``matching_programs``; no queries
    (``metro_wages``: search_data.career_metro_wages, read once per content version). ``figures``: the schools also
    have their judging figures and ``matching_outcomes``, as page_schools gives them."""
    return [SchoolCard.build(school, wages, metro_wages, figures=figures) for school in schools]


def programs_title(criteria):
    """What a result card calls the programs it lists (criteria: selectors.ProgramCriteria)."""
    return "Matching programs" if criteria.career or criteria.cip else "Health programs"


def national_median(wages: CareerWages | None):
    return _dollars(wages.national.annual_median) if wages and wages.national else ""


def search_pay_near(wages: CareerWages | None, place, metro_wages):
    """The pay line of a career search from a place: the career's median in the place's metro area, its state and
    the nation (reference_data.pay.PayNear), and its rows; None without a career or a place."""
    if wages is None or wages.national is None or place is None:
        return None
    pay = assemble(
        place, national=wages.national, state=wages.for_state(place.state), metro=metro_wages.get(place.cbsa)
    )
    return {"pay": pay, "rows": pay_rows(pay)}


# -- The CSV export ---------------------------------------------------------------------------------------------

# What a student judges a school by (card_figures.csv_figure_cells writes them): amounts as plain numbers, or why
# there is none in words.
CSV_JUDGING_COLUMNS = [
    "in_state_tuition_and_fees",
    "tuition_year",
    "average_net_price",
    "net_price_source",
    "graduates_median_earnings_1_year",
    "earnings_source",
    "offers_programs_online",
    "federal_aid",
    "closed",
]

CSV_COLUMNS = [
    "unitid",
    "name",
    "city",
    "state",
    "zip_code",
    "distance_miles",
    "control",
    "level",
    "web_address",
    "programs",
    "completions",
    "completions_year",
    "state_median_annual_wage",
    "national_median_annual_wage",
    "wage_source",
    "page_url",
    *CSV_JUDGING_COLUMNS,
]

NO_FIGURES = dict.fromkeys(FIGURE_FIELDS)

# Spreadsheet programs run cells that start with these as formulas; imported names must never do that.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a number is never a formula; a negative net price keeps its minus sign
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def csv_records(
    rows, *, year_label, wages: CareerWages | None, school_url_prefix, figures_by_school=None, outcomes_by_school=None
):
    """The export's records (lists of cells, CSV_COLUMNS), one per school, from selectors.school_search_rows.

    ``school_url_prefix`` is the absolute address of Find a School ("https://host/schools/"); a school's page is
    "<unitid>-<slug>/" below it, written here rather than reversed 4,000 times. ``outcomes_by_school``: school id ->
    its Field of Study rows (search_figures.outcome_figures_by_school), matched here to the school's programs;
    ``figures_by_school``: school id -> its cost, net price and online answer (search_figures.figures_by_school). Web
    addresses get their scheme as on the school page (models.web_link), so a spreadsheet makes them links.
    """
    outcomes_by_school = outcomes_by_school or {}
    figures_by_school = figures_by_school or {}
    national = wages.national.annual_median if wages and wages.national and wages.national.annual_median else ""
    source = wages.source_label if wages else ""
    for _unitid, school_rows in groupby(rows, key=lambda row: row["unitid"]):
        school_rows = list(school_rows)
        school = school_rows[0]
        programs = in_reading_order(ProgramLine.from_row(row) for row in school_rows if "cip_code" in row)
        pairs = [(program.cip_code, program.award_level) for program in programs]
        state_wage = wages.for_state(school["state"]) if wages else None
        distance = school.get("distance_miles")
        record = [
            school["unitid"],
            school["shown_name"],
            school["city"],
            school["state"],
            school["zip_code"],
            f"{distance:.1f}" if distance is not None else "",
            CONTROL_LABELS.get(school["control"], school["control"]),
            LEVEL_LABELS.get(school["level"], school["level"]),
            web_link(school["shown_web_address"]),
            "; ".join(f"{p.cip_code} {p.title} - {p.award_label} ({p.completions})" for p in programs),
            sum(p.completions for p in programs),
            year_label,
            state_wage.annual_median if state_wage and state_wage.annual_median else "",
            national,
            source,
            f"{school_url_prefix}{school['unitid']}-{school_slug(school['slug'], school['name'])}/",
            *csv_figure_cells(
                {**school, **figures_by_school.get(school["id"], NO_FIGURES)},
                matching_outcome_figures(outcomes_by_school.get(school["id"], []), pairs),
            ),
        ]
        yield [spreadsheet_safe(value) for value in record]


# -- The search's filters, and how to widen it --------------------------------------------------------------------


@dataclass(frozen=True)
class SearchChange:
    """A link that changes the search: ``parameters`` are set (None removes one) on top of the search's own."""

    text: str
    parameters: dict


@dataclass(frozen=True)
class ActiveFilter:
    name: str
    value: str
    parameters: dict  # what removing the filter drops


def active_filters(cleaned_data):
    """The filters in force (of a valid search's cleaned data), each with the parameters its Remove link drops."""
    data = cleaned_data
    items = []
    if data.get("career"):
        items.append(ActiveFilter("Career", data["career"].short_name, {"career": None}))
    if data.get("program"):
        program = data["program"]
        items.append(ActiveFilter("Program", f"{program.plain_title} ({program.code})", {"program": None}))
    if data.get("q"):
        items.append(ActiveFilter("Name", data["q"], {"q": None}))
    if data.get("state"):
        items.append(ActiveFilter("State", STATE_NAMES[data["state"]], {"state": None}))
    if data.get("zip"):
        place, radius = data["zip"].label, data.get("radius")
        label = f"Within {radius} miles of {place}" if radius else f"Distance from {place}"
        # Without a ZIP code there is no distance to limit or sort by.
        items.append(ActiveFilter("Place", label, {"zip": None, "radius": None, "sort": None}))
    if data.get("award"):
        items.append(ActiveFilter("Credential", AwardGroup(data["award"]).label, {"award": None}))
    if data.get("control"):
        items.append(ActiveFilter("Type of school", CONTROL_LABELS[data["control"]], {"control": None}))
    if data.get("level"):
        items.append(ActiveFilter("Length", LEVEL_LABELS[data["level"]], {"level": None}))
    items.extend(judging_filters(data))
    return items


def judging_filters(data):
    items = []
    if data.get("max_net_price") is not None:
        price = f"${data['max_net_price']:,} or less"
        items.append(ActiveFilter("Net price", price, {"max_net_price": None}))
    if data.get("online"):
        items.append(ActiveFilter("Online study", "Offers programs online", {"online": None}))
    if data.get("federal_aid"):
        items.append(ActiveFilter("Federal aid", "Students can get federal aid", {"federal_aid": None}))
    if data.get("include_closed"):
        items.append(ActiveFilter("Closed schools", "Included", {"include_closed": None}))
    return items


FILE_NAME_UNSAFE = re.compile(r"[^a-z0-9]+")
MAX_FILE_NAME_WORDS = 60


def csv_file_name(cleaned_data):
    """The download's name after its search: "schools-medical-assistant-near-35801.csv". Letters, digits and hyphens
    only, so no browser or shell reads anything into it; the school name box is cut short."""
    data = cleaned_data
    parts = ["schools"]
    if data.get("career"):
        parts.append(data["career"].slug)
    if data.get("program"):
        parts.append(f"program-{data['program'].code}")
    if data.get("q"):
        parts.append(f"named-{data['q'][:MAX_FILE_NAME_WORDS]}")
    if data.get("zip"):
        parts.append(f"near-{data['zip'].short_label}")
    if data.get("state"):
        parts.append(f"in-{data['state']}")
    name = "-".join(part for part in (FILE_NAME_UNSAFE.sub("-", p.lower()).strip("-") for p in parts) if part)
    return f"{name}.csv"


def widen_suggestions(cleaned_data, radius_choices):
    """Ways to widen a search that found nothing: a larger distance, then dropping each filter."""
    suggestions = []
    radius = cleaned_data.get("radius")
    if cleaned_data.get("zip") and radius:
        larger = [miles for miles, _ in radius_choices if int(miles) > int(radius)]
        if larger:
            suggestions.append(SearchChange(f"Search within {larger[0]} miles", {"radius": larger[0]}))
    for item in active_filters(cleaned_data):
        suggestions.append(SearchChange(f"Remove {item.name.lower()}: {item.value}", item.parameters))
    return suggestions

"""What the comparison shows: schools side by side, row by row, in words. The figures are the school page's own
(school_presenter: cost, net price, completion, online study, contact), so the two pages always agree; this module
only lays them out as rows, puts the programs that match the search first and picks each school's graduates'
earnings for those programs (College Scorecard, 4-digit CIP and credential)."""

import re
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import intcomma

from .figure_words import NOT_REPORTED, SUPPRESSED, money
from .outcome_models import CREDENTIAL_FOR_AWARD_LEVEL
from .presenters import AWARD_LEVEL_LABELS
from .school_presenter import completion_section, contact, cost_section, net_price_section, online_section
from .states import STATE_NAMES

NOT_OFFERED = "None reported"
NO_ZIP = ""


@dataclass
class ProgramCell:
    title: str
    cip_code: str
    award_label: str
    completions: str  # "12 completions in 2023-24", or why there are none


@dataclass
class EarningsCell:
    title: str  # the Scorecard field and credential
    earnings_1_year: str
    earnings_4_years: str


@dataclass
class Column:
    """One school."""

    school: object
    place: str
    distance: str
    matching: list[ProgramCell] = field(default_factory=list)
    others: list[ProgramCell] = field(default_factory=list)
    earnings: list[EarningsCell] = field(default_factory=list)
    contact: dict = field(default_factory=dict)


@dataclass
class Cell:
    text: str
    missing: bool = False
    school: str = ""  # the school's name, which a phone shows above the value


@dataclass
class Row:
    label: str
    cells: list[Cell]


@dataclass
class Group:
    """A titled set of rows with the sources they come from."""

    title: str
    rows: list[Row]
    sources: list[str]


def _program_cell(program, year_label):
    total = program.completions_in_year
    completions = (
        f"{intcomma(total)} completion{'s' if total != 1 else ''} in {year_label}"
        if total is not None
        else f"No graduates reported in {year_label}"
    )
    label = AWARD_LEVEL_LABELS.get(program.award_level, program.award_level)
    return ProgramCell(program.cip.plain_title, program.cip.code, label, completions)


def _earnings(program_outcomes, matching_programs):
    """The Scorecard rows for the matching programs' field (4-digit CIP) and credential, in reading order."""
    wanted = {(p.cip.code[:5], CREDENTIAL_FOR_AWARD_LEVEL.get(p.award_level)) for p in matching_programs}
    cells = []
    for outcome in program_outcomes:
        if (outcome.cip_code, outcome.credential_level) in wanted:
            cells.append(
                EarningsCell(
                    title=f"{outcome.cip_title} ({outcome.cip_code}), {outcome.get_credential_level_display()}",
                    earnings_1_year=money(outcome.earnings_1_year, SUPPRESSED),
                    earnings_4_years=money(outcome.earnings_4_years, SUPPRESSED),
                )
            )
    return cells


def _distance(school, near):
    if near is None:
        return NO_ZIP
    if getattr(school, "distance_miles", None) is None:
        return "Distance unknown: the school reported no location"
    return f"{school.distance_miles:.1f} miles from {near.zip_code}"


# A label's own detail (a cohort, a fall term) is moved into the cell, so schools reporting different years still
# share one row: "Awarded a degree within 6 years (2015 entering cohort of 812 students)".
_LABEL_DETAIL = re.compile(r" \((?P<paren>.*)\)$|, (?P<fall>fall \d{4})$")


def _split_label(label):
    match = _LABEL_DETAIL.search(label)
    if match is None:
        return label, ""
    return label[: match.start()], match.group("paren") or match.group("fall")


def _section_rows(sections):
    """One row per figure of the same section of each school, in the order the school page lists them; a school
    without the figure says why in words (NOT_REPORTED), never a blank or a zero. Where every school's label is the
    same, the row keeps the school page's label whole; where the detail differs (schools reporting different
    cohorts or terms), each cell carries its own."""
    keys, lines_by_key = [], {}
    for position, section in enumerate(sections):
        for line in section.lines:
            key, _ = _split_label(line.label)
            if key not in lines_by_key:
                keys.append(key)
                lines_by_key[key] = [None] * len(sections)
            lines_by_key[key][position] = line
    rows = []
    for key in keys:
        lines = lines_by_key[key]
        labels = {line.label for line in lines if line is not None}
        shared = labels.pop() if len(labels) == 1 else None
        cells = []
        for line in lines:
            if line is None:
                cells.append(Cell(NOT_REPORTED, missing=True))
                continue
            detail = _split_label(line.label)[1]
            text = f"{line.value} ({detail})" if detail and not shared and not line.missing else line.value
            cells.append(Cell(text, missing=line.missing))
        rows.append(Row(shared or key, cells))
    return rows


def _sources(sections):
    return sorted({section.source for section in sections if section.source})


def comparison(schools, figures, criteria, near=None):
    """(columns, groups) for the compare table: ``schools`` from compare_selectors.schools_for_comparison,
    ``figures`` from compare_selectors.figures_for_schools, ``criteria`` the search's ProgramCriteria, ``near`` its
    ZipCentroid or None. No queries."""
    year_label = criteria.year_label
    columns = []
    sections = {"cost": [], "net_price": [], "completion": [], "online": []}
    for school in schools:
        school_figures = figures[school.pk]
        matching = [p for p in school.health_programs if criteria.matches(p, p.completions_in_year)]
        others = [p for p in school.health_programs if p not in matching]
        columns.append(
            Column(
                school=school,
                place=f"{school.city}, {STATE_NAMES.get(school.state, school.state)}",
                distance=_distance(school, near),
                matching=[_program_cell(p, year_label) for p in matching],
                others=[_program_cell(p, year_label) for p in others],
                earnings=_earnings(school_figures.program_outcomes, matching),
                contact=contact(school),
            )
        )
        sections["cost"].append(cost_section(school_figures.cost))
        sections["net_price"].append(net_price_section(school_figures.outcome))
        sections["completion"].append(completion_section(school_figures.outcome, school_figures.graduation))
        sections["online"].append(online_section(school_figures.distance_education, school_figures.distance_enrollment))
    if not columns:
        return [], []
    groups = [
        Group("Cost per year", _section_rows(sections["cost"]), _sources(sections["cost"])),
        Group("Net price per year", _section_rows(sections["net_price"]), _sources(sections["net_price"])),
        Group("Completion", _section_rows(sections["completion"]), _sources(sections["completion"])),
        Group("Online study", _section_rows(sections["online"]), _sources(sections["online"])),
    ]
    names = [column.school.display_name for column in columns]
    for group in groups:
        for row in group.rows:
            for cell, name in zip(row.cells, names, strict=True):
                cell.school = name
    return columns, groups

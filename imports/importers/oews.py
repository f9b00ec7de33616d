"""BLS Occupational Employment and Wage Statistics (OEWS): national, state and metro/nonmetro files, xlsx or csv,
upper- or lower-case headers. One ``WageEstimate`` per occupation x area x period; every period is kept.

Markers: ``*`` wage not available and ``**`` employment not available become empty; ``#`` (at or above the top
code) stores the top code and names the field in ``top_coded``. Only cross-industry, all-ownership rows at the
"detailed" occupation level are kept; totals and major/minor/broad groups are roll-ups (skipped, counted).
The "All Occupations" total (00-0000) is kept too: the guides compare with it.
Codes not in the current SOC (older files) are imported as they are and listed in the report.
"""

import calendar
import re
from datetime import date
from decimal import Decimal

from reference_data.models import WageEstimate

from .. import freshness
from .base import Importer
from .occupations import ALL_OCCUPATIONS, OccupationCodes
from .parsers import Column, cell_text, decimal, integer, text
from .report import ImportFailed, RowError, Skip
from .upsert import Upsert

AREA_TYPES = {
    "1": WageEstimate.AreaType.NATIONAL,
    "2": WageEstimate.AreaType.STATE,
    "3": WageEstimate.AreaType.STATE,  # U.S. territories (Puerto Rico, Guam, Virgin Islands) are shown as states
    "4": WageEstimate.AreaType.METRO,
    "6": WageEstimate.AreaType.NONMETRO,
}
AREA_TYPE_FROM_NAME = (
    (r"^national", "1"),
    (r"^state", "2"),
    (r"^(msa|metro)", "4"),
    (r"^(bos|nonmetro)", "6"),
)
FILE_KIND_ORDER = (("national", 0), ("state", 1), ("msa", 2), ("metro", 2), ("bos", 3), ("nonmetro", 3))
# "#" means at or above the top code; BLS states the value in each release's field descriptions.
KNOWN_TOP_CODES = {2024: (Decimal("115.00"), 239200), 2025: (Decimal("115.00"), 239200)}
TOP = "#"


class TopCodedWages:
    """For the OEWS importers: a wage marked ``#`` (at or above the top code) becomes the release's top code, and
    the field is listed in ``top_coded``; without a known top code it is stored as unknown and the run says so."""

    top_codes = None
    top_code_missing = False

    def replace_top_codes(self, record, wage_fields) -> list[str]:
        top_coded = []
        for field, (_column, _, hourly) in wage_fields.items():
            if record[field] == TOP:
                top_coded.append(field)
                if self.top_codes:
                    record[field] = self.top_codes[0] if hourly else self.top_codes[1]
                else:
                    record[field] = None
                    self.top_code_missing = True
            elif record[field] is not None and not hourly:
                record[field] = int(record[field])
        return top_coded


EMPLOYMENT_NOT_AVAILABLE = "**"
WAGE_NOT_AVAILABLE = "*"


def employment(value):
    if cell_text(value) == EMPLOYMENT_NOT_AVAILABLE:
        return None
    return integer(minimum=0)(value)


def wage(places):
    parse_number = decimal(places)

    def parse(value):
        raw = cell_text(value)
        if raw in (WAGE_NOT_AVAILABLE, EMPLOYMENT_NOT_AVAILABLE):
            return None
        if raw == TOP:
            return TOP
        return parse_number(value)

    return parse


# field -> (column, decimal places, hourly?)
WAGE_FIELDS = {
    "hourly_mean": ("H_MEAN", 2, True),
    "annual_mean": ("A_MEAN", 0, False),
    "annual_p10": ("A_PCT10", 0, False),
    "annual_p25": ("A_PCT25", 0, False),
    "annual_median": ("A_MEDIAN", 0, False),
    "annual_p75": ("A_PCT75", 0, False),
    "annual_p90": ("A_PCT90", 0, False),
    "hourly_median": ("H_MEDIAN", 2, True),
}


def source_url(soc: str, period: date, area_type: str) -> str:
    """BLS's page for the occupation in that release (it has the national, state and area estimates); the
    all-occupations total has a national page, and the release's tables for states and areas."""
    release = f"https://www.bls.gov/oes/{period.year}/{period.strftime('%B').lower()[:3]}"
    if soc != ALL_OCCUPATIONS:
        return f"{release}/oes{soc.replace('-', '')}.htm"
    if area_type == WageEstimate.AreaType.NATIONAL:
        return f"{release}/oes_nat.htm"
    return "https://www.bls.gov/oes/tables.htm"


def parse_period(text_value) -> date | None:
    raw = cell_text(text_value)
    match = re.fullmatch(r"([A-Za-z]+)\.? (\d{4})", raw)
    if match:
        months = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
        months.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
        month = months.get(match.group(1).lower())
        if month:
            return date(int(match.group(2)), month, 1)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(-01)?", raw)
    if match and 1 <= int(match.group(2)) <= 12:
        return date(int(match.group(1)), int(match.group(2)), 1)
    return None


def release_period(name: str, option=None) -> date:
    """The reference month of an OEWS file: ``--period`` if given, else May of the year its name carries
    (national_M2025_dl.xlsx, oesm25nat.zip); OEWS estimates are for May."""
    period = parse_period(option) if option else None
    if option and period is None:
        raise ImportFailed(f'{name}: --period {option!r} is not a month and year such as "May 2025"')
    if period is None:
        match = re.search(r"_M_?(\d{4})_", name, re.IGNORECASE) or re.search(r"oesm(\d{2})", name, re.IGNORECASE)
        if match:
            year = int(match.group(1))
            period = date(year if year > 100 else 2000 + year, 5, 1)
    if period is None:
        raise ImportFailed(f'{name}: cannot tell the period from the file name; pass --period "May 2025"')
    return period


class OewsImporter(TopCodedWages, Importer):
    dataset = "oews"
    title = "BLS OEWS wages"
    loads = "employment and wages per occupation, nationally and by state, metro and nonmetro area"
    example_file = "bls/national_M2025_dl.xlsx"
    import_order = 50
    # Not the national industry-specific file (..._dl_industry...): oews_industries reads that one.
    file_patterns = (r"(national|state|msa|metro|bos|nonmetro|all_data)_M_?\d{4}_dl(?!_industry).*\.(xlsx|csv)",)
    vintage_pattern = r"_M_?(\d{4})"
    freshness = freshness.oews
    columns = (
        Column("AREA", "area_code", text(max_length=10), required=False),
        Column("AREA_TITLE", "area_name", text(max_length=200), aliases=("AREA_NAME",), required=False),
        Column("AREA_TYPE", "area_type", text(), required=False),
        Column("PRIM_STATE", "state", text(), aliases=("ST",), required=False),
        Column("NAICS", "naics", text(), required=False),
        Column("OWN_CODE", "own_code", text(), required=False),
        Column("OCC_CODE", "soc_code", text(required=True)),
        Column("OCC_TITLE", "soc_title", text(required=True, max_length=200)),
        Column("O_GROUP", "group", text(), aliases=("OCC_GROUP", "GROUP"), required=False),
        Column("TOT_EMP", "employment", employment),
        *(Column(column, field, wage(places)) for field, (column, places, _) in WAGE_FIELDS.items()),
    )
    model = WageEstimate
    key = ["occupation_id", "area_type", "area_code", "period"]
    values = ["area_name", "state", "employment", *WAGE_FIELDS, "top_coded", "source_url"]
    batch_size = 5000

    @classmethod
    def sort_key(cls, name: str) -> tuple:
        """Oldest period first; within one, national, state, then metro and nonmetro files."""
        kind = next((order for prefix, order in FILE_KIND_ORDER if name.lower().startswith(prefix)), 9)
        return (cls.year_in(name) or 0, kind, name)

    def resolve_vintage(self):
        self.period_date = release_period(self.name, self.period)
        self.vintage = self.period_date.strftime("%B %Y")
        self.default_area_type = next(
            (kind for pattern, kind in AREA_TYPE_FROM_NAME if re.search(pattern, self.name, re.IGNORECASE)), None
        )

    def before(self):
        self.top_codes = self.read_top_codes() or KNOWN_TOP_CODES.get(self.period_date.year)
        self.occupations = OccupationCodes(self)
        self.top_code_missing = False

    def read_top_codes(self):
        """The release's own statement of the top code, from the workbook's notes sheet."""
        if self.path.suffix.lower() != ".xlsx":
            return None
        import openpyxl

        workbook = openpyxl.load_workbook(self.path, read_only=True)
        try:
            for sheet in workbook.worksheets[1:]:
                for row in sheet.iter_rows(max_row=80, values_only=True):
                    for value in row:
                        match = re.search(r"\$([\d.,]+) per hour or \$([\d,]+) per year", cell_text(value))
                        if match:
                            return Decimal(match.group(1).replace(",", "")), int(match.group(2).replace(",", ""))
        finally:
            workbook.close()
        return None

    def make_upsert(self):
        return Upsert(
            self, WageEstimate, self.key, self.values, scope={"period": self.period_date}, counts=self.report.counts,
            resolve=self.occupations.resolve,
        )  # fmt: skip

    def clean(self, record, line):
        naics, own_code = record.pop("naics"), record.pop("own_code")
        if naics and naics.lstrip("0"):
            return Skip("industry-specific rows (only cross-industry estimates are kept)")
        if own_code and own_code != "1235":
            return Skip("single-ownership rows (only all-ownership estimates are kept)")
        soc = record["soc_code"]
        if not re.fullmatch(r"\d{2}-\d{4}", soc):
            raise RowError("OCC_CODE", f"{soc!r} is not a SOC code (29-2072)")
        group = record.pop("group").lower()
        if soc == ALL_OCCUPATIONS:
            group = "detailed"
        if group and group != "detailed":
            return Skip("totals and major, minor and broad occupation groups (roll-ups)")
        if not group and soc.endswith("000") and soc != ALL_OCCUPATIONS:
            return Skip("totals and major, minor and broad occupation groups (roll-ups)")

        area_type_code = record.pop("area_type") or self.default_area_type
        area_type = AREA_TYPES.get(area_type_code)
        if area_type is None:
            raise RowError("AREA_TYPE", f"{area_type_code!r} is not an OEWS area type (1, 2, 3, 4 or 6)")
        record["area_type"] = area_type
        if area_type == WageEstimate.AreaType.NATIONAL:
            record["area_code"] = record["area_code"] or "99"
            record["area_name"] = record["area_name"] or "U.S."
        elif not record["area_code"]:
            raise RowError("AREA", "is empty")
        elif area_type == WageEstimate.AreaType.STATE:
            record["area_code"] = record["area_code"].zfill(2)
        if not record["area_name"]:
            raise RowError("AREA_TITLE", "is empty")
        state = record["state"].upper()
        record["state"] = state if re.fullmatch(r"[A-Z]{2}", state) and state != "US" else ""

        record["top_coded"] = self.replace_top_codes(record, WAGE_FIELDS)
        record["period"] = self.period_date
        record["source_url"] = source_url(soc, self.period_date, area_type)
        return record

    def after(self):
        self.occupations.report()
        if self.top_code_missing:
            self.report.note(
                f"the top code for {self.vintage} is unknown: values marked # are stored empty and flagged top-coded"
            )

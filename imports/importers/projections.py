"""BLS Employment Projections, table 1.2 (occupational projections and worker characteristics).

The header names carry the years ("Employment, 2024", "Employment, 2034"), which give the projection period.
Only "Line item" rows are occupations (and the "Total, all occupations" row, which the guides compare with);
"Summary" rows are group totals, and the footnotes under the table have no
code (both skipped and counted). An em dash means the value is not available.
"""

import re

from reference_data.models import EmploymentProjection

from .. import freshness
from .base import Importer
from .occupations import ALL_OCCUPATIONS, OccupationCodes
from .parsers import Column, cell_text, decimal, text
from .report import ImportFailed, RowError, Skip
from .upsert import Upsert

SOURCE_URL = "https://www.bls.gov/emp/tables/occupational-projections-and-characteristics.htm"
NOT_AVAILABLE = {"—", "–", "-", "n/a", "na", "(na)"}


def number(places):
    parse_number = decimal(places)

    def parse(value):
        raw = cell_text(value)
        if raw.lower() in NOT_AVAILABLE:
            return None
        return parse_number(value)

    return parse


def wage(value):
    """Median wages at or above the top code read ">=$239,200"; the top code is stored and flagged."""
    raw = cell_text(value)
    if raw.lower() in NOT_AVAILABLE:
        return None, False
    top_coded = raw.startswith((">=", "≥"))
    amount = decimal(0)(raw.lstrip(">=≥ "))
    return (int(amount) if amount is not None else None), top_coded


def label(value):
    raw = cell_text(value)
    return "" if raw.lower() in NOT_AVAILABLE else raw[:200]


class ProjectionsImporter(Importer):
    dataset = "projections"
    title = "BLS Employment Projections (table 1.2)"
    loads = "ten-year employment projections, openings, median wage and typical entry education per occupation"
    example_file = "bls/occupation_2024-2034.xlsx"
    import_order = 60
    file_patterns = (r"occupation(_\d{4}-\d{2,4})?\.(xlsx|csv)",)
    vintage_pattern = r"occupation_(\d{4})"
    freshness = freshness.projections
    sheet = r"Table 1\.2\b"
    columns = (
        Column("Matrix title", "soc_title", text(), pattern=r".*MATRIX (OCCUPATION )?TITLE"),
        Column("Matrix code", "soc_code", text(), pattern=r".*MATRIX (OCCUPATION )?CODE"),
        Column("Occupation type", "occupation_type", text(), required=False),
        Column("Employment, base year", "employment_base", number(1), pattern=r"EMPLOYMENT, \d{4}"),
        Column("Employment, target year", "employment_target", number(1), pattern=r"EMPLOYMENT, \d{4}"),
        Column("Employment change, numeric", "change_numeric", number(1), pattern=r"EMPLOYMENT CHANGE, NUMERIC.*"),
        Column("Employment change, percent", "change_percent", number(1), pattern=r"EMPLOYMENT CHANGE, PERCENT.*"),
        Column("Occupational openings", "annual_openings", number(1), pattern=r"OCCUPATIONAL OPENINGS.*"),
        Column("Median annual wage", "median_annual_wage", wage, pattern=r"MEDIAN ANNUAL WAGE.*"),
        Column("Typical education needed for entry", "typical_entry_education", label, required=False),
        Column("Work experience in a related occupation", "work_experience", label, required=False),
        Column(
            "Typical on-the-job training needed to attain competency in the occupation",
            "on_the_job_training",
            label,
            required=False,
        ),
    )
    model = EmploymentProjection
    key = ["occupation_id", "base_year", "target_year"]
    values = [
        "employment_base", "employment_target", "change_numeric", "change_percent", "annual_openings",
        "median_annual_wage", "median_annual_wage_top_coded", "typical_entry_education", "work_experience",
        "on_the_job_training", "source_url",
    ]  # fmt: skip

    def resolve_vintage(self):
        self.years = None
        if self.period:
            match = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{2}|\d{4})", str(self.period).strip())
            if not match:
                raise ImportFailed(f"{self.name}: --period {self.period!r} is not a period such as 2024-2034")
            self.years = (int(match.group(1)), self._full_year(match.group(1), match.group(2)))

    @staticmethod
    def _full_year(base, target):
        return int(target) if len(target) == 4 else int(base[:2] + target)

    def bind_header(self, names, positions):
        if self.years:
            self.set_vintage()
            return
        found = [int(re.search(r"\d{4}", names[positions[c]]).group()) for c in self.columns[3:5]]
        if found[0] >= found[1]:
            raise ImportFailed(f"{self.name}: the employment columns do not give a base and a later target year")
        self.years = tuple(found)
        self.set_vintage()

    def set_vintage(self):
        base, target = self.years
        self.vintage = f"{base}-{str(target)[-2:]}"

    def before(self):
        self.occupations = OccupationCodes(self)
        self.top_coded = 0

    def make_upsert(self):
        return Upsert(
            self, EmploymentProjection, self.key, self.values, counts=self.report.counts,
            resolve=self.occupations.resolve,
        )  # fmt: skip

    def clean(self, record, line):
        soc = record["soc_code"]
        if not soc:
            return Skip("footnotes and notes under the table")
        if not re.fullmatch(r"\d{2}-\d{4}", soc):
            raise RowError("Matrix code", f"{soc!r} is not a SOC code (29-2072)")
        occupation_type = record.pop("occupation_type").lower()
        if occupation_type and occupation_type != "line item" and soc != ALL_OCCUPATIONS:
            return Skip("summary rows (occupation groups and totals)")
        if not occupation_type and soc.endswith("0000") and soc != ALL_OCCUPATIONS:
            return Skip("summary rows (occupation groups and totals)")
        if not record["soc_title"]:
            raise RowError("Matrix title", "is empty")
        record["median_annual_wage"], record["median_annual_wage_top_coded"] = record["median_annual_wage"]
        self.top_coded += record["median_annual_wage_top_coded"]
        record["base_year"], record["target_year"] = self.years
        record["source_url"] = SOURCE_URL
        return record

    def after(self):
        self.occupations.report()
        if self.top_coded:
            self.report.note(f"{self.top_coded} median wage(s) at or above the top code (stored as the top code)")

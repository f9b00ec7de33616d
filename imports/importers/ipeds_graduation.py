"""IPEDS graduation rates: an entering cohort and the percent of it awarded a degree within 4 and within 6 years,
per school. Two layouts, told apart by the header:

- an IPEDS Data Center custom export: one row per school with TOTAL_COHORT_<year>, PCT_AWARD_4YEARS and
  PCT_AWARD_6YRS (the header names are the exporter's);
- NCES's complete data file GR<year> (gr2023.csv), per its data dictionary: several rows per school, one per part
  of the cohort (GRTYPE), each with the grand total GRTOTLT. Three parts make the figures, all of the bachelor's or
  equivalent degree-seeking subcohort of a four-year school: GRTYPE 8, the adjusted cohort (revised cohort minus
  exclusions); 13, those who completed a bachelor's in 4 years or less; 12, those who completed one within 150% of
  normal time, which for a bachelor's is 6 years. Its cohort entered six years before the file's year (GR2023: the
  fall 2017 cohort). Schools below four years report no such subcohort, only 150% of a two-year time, which says
  nothing about 4 or 6 years: they are skipped and counted. The percents are rounded to whole numbers, as the
  custom export gives them.

Blank, "." and IPEDS's -1/-2 mean not reported, stored as None.
"""

import re
from pathlib import PurePosixPath

from schools.models import GraduationRate

from .. import freshness
from .ipeds_common import SchoolRowImporter, published_number, unitid
from .parsers import Column, code, normalize_header
from .report import ImportFailed, Skip, columns_missing

ADJUSTED_COHORT = "8"
BACHELORS_IN_4_YEARS = "13"
BACHELORS_IN_150_PERCENT = "12"
COMPLETE_FILE_PARTS = {ADJUSTED_COHORT, BACHELORS_IN_4_YEARS, BACHELORS_IN_150_PERCENT}
# GR2023 reports the bachelor's subcohort that entered in fall 2017.
BACHELORS_YEARS_BEFORE_FILE = 6
EXPORT_FIELDS = ("cohort_size", "awarded_in_4_years", "awarded_in_6_years")


def whole_percent(part, whole):
    """``part`` of ``whole`` in whole percent, halves rounded up (33.5 -> 34); None without both."""
    if part is None or not whole:
        return None
    return (200 * part + whole) // (2 * whole)


class GraduationRateImporter(SchoolRowImporter):
    dataset = "ipeds-graduation"
    # IPEDS Data Center custom exports end without a line break, so a cut inside the last field cannot be told.
    require_final_line_end = False
    import_order = 44
    freshness = freshness.ipeds_graduation
    title = "IPEDS graduation rates (GR, or a custom export)"
    loads = "an entering cohort and the share awarded a degree within 4 and 6 years, per school"
    example_file = "ipeds/graduation_2015_cohort_custom.csv"
    file_patterns = (r"graduation.*cohort.*\.csv", r"gr\d{4}(_rv)?\.csv")
    # The cohort a file's name gives: graduation_2015_cohort_custom.csv -> 2015; GR files give their own year.
    vintage_pattern = r"(?:graduation_|gr)(\d{4})"
    columns = (
        Column("UnitID", "unitid", unitid, aliases=("UNITID",)),
        # The custom export's columns; bind_header asks for one layout's columns in full.
        Column("TOTAL_COHORT", "export:cohort_size", published_number(), pattern=r"TOTAL_COHORT_\d{4}", required=False),
        Column("PCT_AWARD_4YEARS", "export:awarded_in_4_years", published_number(maximum=100),
               aliases=("PCT_AWARD_4YRS",), required=False),
        Column("PCT_AWARD_6YRS", "export:awarded_in_6_years", published_number(maximum=100),
               aliases=("PCT_AWARD_6YEARS",), required=False),
        # The complete data file's (GR<year>).
        Column("GRTYPE", "part", code(r"\d{1,2}", required=False, description="a GRTYPE code"), required=False),
        Column("GRTOTLT", "count", published_number(), required=False),
    )  # fmt: skip
    model = GraduationRate
    key = ["institution_id", "cohort_year"]
    values = list(EXPORT_FIELDS)

    @classmethod
    def sort_key(cls, name: str) -> tuple:
        """By entering cohort (``fetch_data --check`` compares releases by it), whichever layout names the file."""
        year = cls.year_in(name) or 0
        if year and re.match(r"gr\d{4}", PurePosixPath(name).name, re.IGNORECASE):
            year -= BACHELORS_YEARS_BEFORE_FILE
        return (year, name)

    def bind_header(self, names, positions):
        found = {column.field for column in positions}
        self.complete_file = {"part", "count"} <= found
        if self.complete_file:
            file_year = int(self.period) if self.period and str(self.period).isdigit() else self.year_in(self.name)
            if not file_year:
                raise ImportFailed(f"{self.name}: cannot tell the survey year from the file name; pass --period 2023")
            self.cohort_year = file_year - BACHELORS_YEARS_BEFORE_FILE
            self.schools: dict[int, dict] = {}
        else:
            missing = [c.name for c in self.columns if c.field.startswith("export:") and c not in positions]
            if missing:
                raise columns_missing(self.name, missing)
            cohort_header = names[next(i for c, i in positions.items() if c.field == "export:cohort_size")]
            self.cohort_year = int(normalize_header(cohort_header).rsplit("_", 1)[1])
        self.vintage = f"{self.cohort_year} entering cohort"

    def records(self, table, columns=None, clean=None):
        """A complete file's rows are parts of a school's cohort: they are gathered, then one record per school."""
        rows = super().records(table, columns, clean)
        yield next(rows)
        if not self.complete_file:
            yield from rows
            return
        for _line, _part in rows:
            pass  # clean_school_row gathers the parts in self.schools
        for institution_id, school in self.schools.items():
            cohort = school.get(ADJUSTED_COHORT)
            if cohort is None:
                self.report.skip("schools with no bachelor's degree-seeking cohort (GRTYPE 8): below four years")
                continue
            yield (
                school["line"],
                {
                    "institution_id": institution_id,
                    "cohort_year": self.cohort_year,
                    "cohort_size": cohort,
                    "awarded_in_4_years": whole_percent(school.get(BACHELORS_IN_4_YEARS), cohort),
                    "awarded_in_6_years": whole_percent(school.get(BACHELORS_IN_150_PERCENT), cohort),
                },
            )

    def clean(self, record, line):
        self.line = line
        return super().clean(record, line)

    def clean_school_row(self, record, institution_id):
        if self.complete_file:
            school = self.schools.setdefault(institution_id, {"line": self.line})
            if record["part"] not in COMPLETE_FILE_PARTS:
                return Skip("rows of other parts of a cohort (GRTYPE other than 8, 12 and 13)")
            school[record["part"]] = record["count"]
            return None  # gathered: records() writes one record per school
        figures = {field: record[f"export:{field}"] for field in EXPORT_FIELDS}
        if all(value is None for value in figures.values()):
            return Skip("schools with no graduation rate reported")
        return {**figures, "institution_id": institution_id, "cohort_year": self.cohort_year}

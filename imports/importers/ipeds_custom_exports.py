"""IPEDS fall enrollment by distance-education status, in two layouts told apart by the header: an IPEDS Data Center
custom export (the header names are the exporter's) and NCES's complete data file. (Graduation rates, the other
custom export, are read in ipeds_graduation.)

- Distance education, custom export: one column triple per fall (TOTAL_ENROLL_<year>, DE_ENROLL_<year>
  "exclusively distance education", SDE_ENROLL_<year> "some distance education"); the newest fall with a total
  reported is kept per school. The exporter labels the newest fall's SDE column SDE_ENROLL_TOTAL (it sits between
  DE_ENROLL_2024 and TOTAL_ENROLL_2023), read as that fall's.
- Distance education, complete file EF<year>A_DIST (ef2023a_dist.csv: fall 2023), per its data dictionary: one row
  per school and level of student (EFDELEV; 1 = all students total), with EFDETOT all students enrolled, EFDEEXC
  those enrolled exclusively in distance education courses, EFDESOM those in some but not all. The all-students
  row is kept; the level breakdowns are skipped and counted.

Blank, "." and IPEDS's -1/-2 mean not reported, stored as None.
"""

import re

from schools.models import DistanceEnrollment

from .. import freshness
from .ipeds_common import SchoolRowImporter, published_number, unitid
from .parsers import Column, code
from .report import ImportFailed, Skip, columns_missing

# Falls an export may hold; a header naming none of them is refused (required column missing).
FALL_YEARS = range(2010, 2036)


def _fall_columns():
    for year in FALL_YEARS:
        yield Column(f"TOTAL_ENROLL_{year}", f"total_{year}", published_number(), required=False)
        yield Column(f"DE_ENROLL_{year}", f"exclusive_{year}", published_number(), required=False)
        yield Column(f"SDE_ENROLL_{year}", f"some_{year}", published_number(), required=False)


# EF<year>A_DIST: all students enrolled, exclusively in distance education courses, in some but not all of them.
COMPLETE_FILE_COUNTS = ("EFDETOT", "EFDEEXC", "EFDESOM")
ALL_STUDENTS = "1"  # EFDELEV 1: all students total (2 undergraduate total, 12 graduate, ...)


class DistanceEnrollmentImporter(SchoolRowImporter):
    dataset = "ipeds-distance-enrollment"
    # IPEDS Data Center custom exports end without a line break, so a cut inside the last field cannot be told.
    require_final_line_end = False
    import_order = 43
    freshness = freshness.ipeds_distance_enrollment
    title = "IPEDS fall enrollment by distance education (EF_DIST, or a custom export)"
    loads = "students enrolled exclusively, partly or not in distance education, newest fall per school"
    example_file = "ipeds/distance_enrollment_2020-2024_custom.csv"
    file_patterns = (r"distance_enrollment.*\.csv", r"ef\d{4}a_dist(_rv)?\.csv")
    # The fall a file reaches: ef2023a_dist.csv -> 2023, distance_enrollment_2020-2024_custom.csv -> 2024.
    vintage_pattern = r"(?:ef|\d{4}-)(\d{4})(?:a_dist|_custom)"
    columns = (
        Column("UnitID", "unitid", unitid, aliases=("UNITID",)),
        *_fall_columns(),
        Column("SDE_ENROLL_TOTAL", "some_newest", published_number(), required=False),
        # The complete data file's columns (EF<year>A_DIST).
        Column("EFDELEV", "level", code(r"\d{1,2}", required=False, description="a level of student code"),
               required=False),
        *(Column(name, name.lower(), published_number(), required=False) for name in COMPLETE_FILE_COUNTS),
    )  # fmt: skip
    model = DistanceEnrollment
    key = ["institution_id", "fall_year"]
    values = ["total", "exclusively_distance", "some_distance"]

    def bind_header(self, names, positions):
        self.complete_file = "EFDELEV" in names
        if self.complete_file:
            self._bind_complete_file(names)
            return
        self.falls = sorted(
            (int(m.group(1)) for n in names if (m := re.fullmatch(r"TOTAL_ENROLL_(\d{4})", n))), reverse=True
        )
        if not self.falls:
            raise ImportFailed(
                f"{self.name}:1: TOTAL_ENROLL_<year>: required column missing "
                f"(the header has: {', '.join(n for n in names if n)})"
            )
        self.vintage = f"fall {self.falls[-1]} to fall {self.falls[0]}"

    def _bind_complete_file(self, names):
        missing = [name for name in COMPLETE_FILE_COUNTS if name not in names]
        if missing:
            raise columns_missing(self.name, missing)
        fall = int(self.period) if self.period and str(self.period).isdigit() else self.year_in(self.name)
        if not fall:
            raise ImportFailed(
                f"{self.name}: cannot tell the fall from the file name (ef2023a_dist.csv); pass --period 2023"
            )
        self.falls = [fall]
        self.vintage = f"fall {fall}"

    def clean_school_row(self, record, institution_id):
        if self.complete_file:
            if record["level"] != ALL_STUDENTS:
                return Skip("rows for one level of student (EFDELEV other than 1, all students)")
            if record["efdetot"] is None:
                return Skip("schools with no fall enrollment reported")
            return {
                "institution_id": institution_id,
                "fall_year": self.falls[0],
                "total": record["efdetot"],
                "exclusively_distance": record["efdeexc"],
                "some_distance": record["efdesom"],
            }
        for fall in self.falls:
            if record[f"total_{fall}"] is not None:
                some = record[f"some_{fall}"]
                if some is None and fall == self.falls[0]:
                    some = record["some_newest"]
                return {
                    "institution_id": institution_id,
                    "fall_year": fall,
                    "total": record[f"total_{fall}"],
                    "exclusively_distance": record[f"exclusive_{fall}"],
                    "some_distance": some,
                }
        return Skip("schools with no fall enrollment reported")

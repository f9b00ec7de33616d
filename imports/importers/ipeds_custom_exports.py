"""Two IPEDS Data Center custom exports (not raw survey files; the header names are the exporter's):

- fall enrollment by distance-education status, one column triple per fall (TOTAL_ENROLL_<year>, DE_ENROLL_<year>
  "exclusively distance education", SDE_ENROLL_<year> "some distance education"); the newest fall with a total
  reported is kept per school. The exporter labels the newest fall's SDE column SDE_ENROLL_TOTAL (it sits between
  DE_ENROLL_2024 and TOTAL_ENROLL_2023), read as that fall's.
- graduation rates: the entering cohort (TOTAL_COHORT_<year>) and the percent of it awarded a degree within 4 and
  6 years (PCT_AWARD_4YEARS, PCT_AWARD_6YRS).

Blank means not reported, stored as None.
"""

import re

from schools.models import DistanceEnrollment, GraduationRate

from .. import freshness
from .ipeds_common import SchoolRowImporter, published_number, unitid
from .parsers import Column, normalize_header
from .report import ImportFailed, Skip

# Falls an export may hold; a header naming none of them is refused (required column missing).
FALL_YEARS = range(2010, 2036)


def _fall_columns():
    for year in FALL_YEARS:
        yield Column(f"TOTAL_ENROLL_{year}", f"total_{year}", published_number(), required=False)
        yield Column(f"DE_ENROLL_{year}", f"exclusive_{year}", published_number(), required=False)
        yield Column(f"SDE_ENROLL_{year}", f"some_{year}", published_number(), required=False)


class DistanceEnrollmentImporter(SchoolRowImporter):
    dataset = "ipeds-distance-enrollment"
    # IPEDS Data Center custom exports end without a line break, so a cut inside the last field cannot be told.
    require_final_line_end = False
    import_order = 43
    freshness = freshness.ipeds_distance_enrollment
    title = "IPEDS fall enrollment by distance education (custom export)"
    loads = "students enrolled exclusively, partly or not in distance education, newest fall per school"
    example_file = "ipeds/distance_enrollment_2020-2024_custom.csv"
    file_patterns = (r"distance_enrollment.*\.csv",)
    columns = (
        Column("UnitID", "unitid", unitid, aliases=("UNITID",)),
        *_fall_columns(),
        Column("SDE_ENROLL_TOTAL", "some_newest", published_number(), required=False),
    )
    model = DistanceEnrollment
    key = ["institution_id", "fall_year"]
    values = ["total", "exclusively_distance", "some_distance"]

    def bind_header(self, names, positions):
        self.falls = sorted(
            (int(m.group(1)) for n in names if (m := re.fullmatch(r"TOTAL_ENROLL_(\d{4})", n))), reverse=True
        )
        if not self.falls:
            raise ImportFailed(
                f"{self.name}:1: TOTAL_ENROLL_<year>: required column missing "
                f"(the header has: {', '.join(n for n in names if n)})"
            )
        self.vintage = f"fall {self.falls[-1]} to fall {self.falls[0]}"

    def clean_school_row(self, record, institution_id):
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


class GraduationRateImporter(SchoolRowImporter):
    dataset = "ipeds-graduation"
    # IPEDS Data Center custom exports end without a line break, so a cut inside the last field cannot be told.
    require_final_line_end = False
    import_order = 44
    freshness = freshness.ipeds_graduation
    title = "IPEDS graduation rates (custom export)"
    loads = "an entering cohort and the share awarded a degree within 4 and 6 years, per school"
    example_file = "ipeds/graduation_2015_cohort_custom.csv"
    file_patterns = (r"graduation.*cohort.*\.csv",)
    columns = (
        Column("UnitID", "unitid", unitid, aliases=("UNITID",)),
        Column("TOTAL_COHORT", "cohort_size", published_number(), pattern=r"TOTAL_COHORT_\d{4}"),
        Column("PCT_AWARD_4YEARS", "awarded_in_4_years", published_number(maximum=100), aliases=("PCT_AWARD_4YRS",)),
        Column("PCT_AWARD_6YRS", "awarded_in_6_years", published_number(maximum=100), aliases=("PCT_AWARD_6YEARS",)),
    )
    model = GraduationRate
    key = ["institution_id", "cohort_year"]
    values = ["cohort_size", "awarded_in_4_years", "awarded_in_6_years"]

    def bind_header(self, names, positions):
        cohort_header = names[next(i for c, i in positions.items() if c.field == "cohort_size")]
        self.cohort_year = int(normalize_header(cohort_header).rsplit("_", 1)[1])
        self.vintage = f"{self.cohort_year} entering cohort"

    def clean_school_row(self, record, institution_id):
        if all(value is None for value in record.values()):
            return Skip("schools with no graduation rate reported")
        return {**record, "institution_id": institution_id, "cohort_year": self.cohort_year}

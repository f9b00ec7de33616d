"""IPEDS Institutional Characteristics (IC, e.g. IC2022): whether a school offers distance education.

NCES Data Center variable labels: DISTNCED "All programs offered completely via distance education", DISTCRS
"Distance education courses offered", DISTPGS "Distance education programs offered"; values 1 Yes, 0 or 2 No, -1 Not
reported, -2 Not applicable, kept apart (schools.outcome_models.IpedsAnswer) so the page says which.
"""

from schools.models import DistanceEducation

from .. import freshness
from .base import Importer
from .ipeds_common import InstitutionLookup, ipeds_answer, unitid
from .parsers import Column, year_from_name
from .report import ImportFailed


class IpedsOfferingsImporter(Importer):
    dataset = "ipeds-offerings"
    import_order = 41
    freshness = freshness.ipeds_offerings
    title = "IPEDS offerings: distance education (IC)"
    loads = "whether each school offers distance-education courses and programs, or only distance education"
    example_file = "ipeds/ic2022.csv"
    file_patterns = (r"ic\d{4}(_rv)?\.csv",)
    columns = (
        Column("UNITID", "unitid", unitid),
        Column("DISTNCED", "all_programs_online", ipeds_answer),
        Column("DISTCRS", "offers_online_courses", ipeds_answer),
        Column("DISTPGS", "offers_online_programs", ipeds_answer),
    )
    model = DistanceEducation
    key = ["institution_id", "year"]
    values = ["all_programs_online", "offers_online_courses", "offers_online_programs"]

    def resolve_vintage(self):
        year = int(self.period) if self.period and str(self.period).isdigit() else None
        self.year = year or year_from_name(self.name, r"ic(\d{4})")
        if not self.year:
            raise ImportFailed(f"{self.name}: cannot tell the survey year from the file name; pass --period 2022")
        self.vintage = f"{self.year}-{str(self.year + 1)[-2:]}"

    def before(self):
        self.institutions = InstitutionLookup(self.name)

    def clean(self, record, line):
        institution_id = self.institutions.get(record.pop("unitid"))
        if institution_id is None:
            return InstitutionLookup.NOT_LOADED
        return {**record, "institution_id": institution_id, "year": self.year}

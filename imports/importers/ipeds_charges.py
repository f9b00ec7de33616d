"""IPEDS student charges for academic-year reporters (IC_AY): published tuition and fees in-district, in-state and
out-of-state, and books and supplies, for the newest of the four years each file carries (CHG*AY3).

Program reporters (most short certificate schools) report in IC_PY, which this does not read: their cost is "not
reported", never zero.
"""

from schools.models import InstitutionCost

from .. import freshness
from .base import Importer
from .ipeds_common import InstitutionLookup, published_number, unitid
from .parsers import Column, year_from_name
from .report import ImportFailed


class IpedsChargesImporter(Importer):
    dataset = "ipeds-charges"
    import_order = 42
    freshness = freshness.ipeds_charges
    title = "IPEDS student charges (IC_AY)"
    loads = "tuition and fees (in-district, in-state, out-of-state) and books and supplies, per school"
    example_file = "ipeds/ic2022_ay.csv"
    file_patterns = (r"ic\d{4}_ay(_rv)?\.csv",)
    columns = (
        Column("UNITID", "unitid", unitid),
        # IC_AY dictionary: CHG1AY3 "Published in-district tuition and fees", CHG2AY3 "... in-state ...",
        # CHG3AY3 "... out-of-state ...", CHG4AY3 "Books and supplies", for the survey's own year (AY3).
        Column("CHG1AY3", "tuition_in_district", published_number()),
        Column("CHG2AY3", "tuition_in_state", published_number()),
        Column("CHG3AY3", "tuition_out_of_state", published_number()),
        Column("CHG4AY3", "books_supplies", published_number()),
    )
    model = InstitutionCost
    key = ["institution_id", "year"]
    values = ["tuition_in_district", "tuition_in_state", "tuition_out_of_state", "books_supplies"]

    def resolve_vintage(self):
        year = int(self.period) if self.period and str(self.period).isdigit() else None
        self.year = year or year_from_name(self.name, r"ic(\d{4})_ay")
        if not self.year:
            raise ImportFailed(f"{self.name}: cannot tell the survey year from the file name; pass --period 2022")
        # IC2022_AY's AY3 columns are the 2022-23 academic year.
        self.vintage = f"{self.year}-{str(self.year + 1)[-2:]}"

    def before(self):
        self.institutions = InstitutionLookup(self.name)

    def clean(self, record, line):
        institution_id = self.institutions.get(record.pop("unitid"))
        if institution_id is None:
            return InstitutionLookup.NOT_LOADED
        return {**record, "institution_id": institution_id, "year": self.year}

"""IPEDS student charges for academic-year reporters (IC_AY): published tuition and fees in-district, in-state and
out-of-state, and books and supplies, for the newest of the four years each file carries (CHG*AY3).

Program reporters (most short certificate schools) report in IC_PY, which this does not read: their cost is "not
reported", never zero.
"""

from schools.models import InstitutionCost

from .. import freshness
from .ipeds_common import SchoolYearImporter, published_number, unitid
from .parsers import Column


class IpedsChargesImporter(SchoolYearImporter):
    dataset = "ipeds-charges"
    import_order = 42
    freshness = freshness.ipeds_charges
    title = "IPEDS student charges (IC_AY)"
    loads = "tuition and fees (in-district, in-state, out-of-state) and books and supplies, per school"
    example_file = "ipeds/ic2022_ay.csv"
    vintage_pattern = r"ic(\d{4})_ay"
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

"""IPEDS Institutional Characteristics (IC, e.g. IC2022): whether a school offers distance education.

NCES Data Center variable labels: DISTNCED "All programs offered completely via distance education", DISTCRS
"Distance education courses offered", DISTPGS "Distance education programs offered"; values 1 Yes, 0 or 2 No, -1 Not
reported, -2 Not applicable, kept apart (schools.outcome_models.IpedsAnswer) so the page says which.
"""

from schools.models import DistanceEducation

from .. import freshness
from .ipeds_common import SchoolYearImporter, ipeds_answer, unitid
from .parsers import Column


class IpedsOfferingsImporter(SchoolYearImporter):
    dataset = "ipeds-offerings"
    import_order = 41
    freshness = freshness.ipeds_offerings
    title = "IPEDS offerings: distance education (IC)"
    loads = "whether each school offers distance-education courses and programs, or only distance education"
    example_file = "ipeds/ic2022.csv"
    vintage_pattern = r"ic(\d{4})"
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

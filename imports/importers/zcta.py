"""Census Gazetteer ZIP Code Tabulation Areas: the internal point (latitude, longitude) of every ZCTA.

The file is pipe-delimited (older releases were tab-delimited; both are read). ZIP codes that only serve PO boxes
have no ZCTA and are not in the file.
"""

from reference_data.models import ZipCentroid

from .. import freshness
from .base import Importer
from .parsers import Column, code, floating

SOURCE = "Census Gazetteer ZCTA"


class ZctaImporter(Importer):
    dataset = "zcta"
    title = "Census Gazetteer ZIP areas"
    loads = "ZIP code centroids (internal points) for distance search"
    example_file = "census/2025_Gaz_zcta_national.txt"
    import_order = 80
    file_patterns = (r"\d{4}_Gaz_zcta_national\.(txt|zip)",)
    vintage_pattern = r"(\d{4})_Gaz"
    freshness = freshness.zcta
    columns = (
        Column("GEOID", "zip_code", code(r"\d{5}", description="a 5-digit ZIP code"), aliases=("ZCTA5", "ZCTA")),
        Column("INTPTLAT", "latitude", floating(required=True, minimum=-90, maximum=90)),
        Column("INTPTLONG", "longitude", floating(required=True, minimum=-180, maximum=180), aliases=("INTPTLON",)),
    )
    model = ZipCentroid
    key = ["zip_code"]
    values = ["latitude", "longitude", "source", "vintage"]
    batch_size = 5000

    def resolve_vintage(self):
        year = self.year_in(self.name)
        self.vintage = str(year) if year else str(self.period or "")

    def clean(self, record, line):
        record["source"] = SOURCE
        record["vintage"] = self.vintage
        return record

"""IPEDS Institutional Characteristics directory (HD): one row per institution, keyed by UNITID.

Directories are imported oldest first: a newer directory updates rows in place, and an institution missing from
it is marked inactive (never deleted). An older directory never overwrites what a newer one loaded.
"""

from django.db.models import Max
from django.utils.text import slugify

from reference_data.models import CountyArea
from reference_data.places import county_key
from schools.models import Institution

from .. import freshness
from .base import Importer
from .bulk import insert_rows
from .parsers import Column, code, floating, integer, text, us_date
from .report import ImportFailed, Skip

CONTROL = {1: "1", 2: "2", 3: "3"}
LEVEL = {1: "1", 2: "2", 3: "3"}


def ipeds_text(max_length):
    """Text where IPEDS writes -1/-2/-3 for not reported / not applicable / not available: those become ""."""
    parse = text(max_length=max_length)

    def read(value):
        result = parse(value)
        return "" if result in ("-1", "-2", "-3") else result

    return read


_UNITID = code(r"\d{6}", description="a UNITID (6 digits)")


def unitid(value):
    return _UNITID(value)


class IpedsHdImporter(Importer):
    dataset = "ipeds-hd"
    title = "IPEDS institutions (HD)"
    loads = (
        "institutions: name, address, web address, control, level, sector, location, active or closed; counties "
        "with their metro areas (CBSA)"
    )
    example_file = "ipeds/hd2023.csv"
    import_order = 30
    file_patterns = (r"hd\d{4}(_rv)?\.csv",)
    vintage_pattern = r"hd(\d{4})"
    freshness = freshness.ipeds_hd
    columns = (
        Column("UNITID", "unitid", unitid),
        Column("INSTNM", "name", text(required=True, max_length=200)),
        Column("IALIAS", "alias", text(), required=False),
        Column("ADDR", "address", text(max_length=200)),
        Column("CITY", "city", text(required=True, max_length=100)),
        Column("STABBR", "state", code(r"[A-Z]{2}", description="a two-letter state code")),
        Column("ZIP", "zip_code", code(r"\d{5}(-\d{4})?", required=False, description="a ZIP code")),
        Column("WEBADDR", "web_address", text(max_length=300), required=False),
        Column("CONTROL", "control", integer(ipeds_negative_null=True)),
        Column("ICLEVEL", "level", integer(ipeds_negative_null=True)),
        Column("SECTOR", "sector", integer(ipeds_negative_null=True, minimum=0), required=False),
        Column("LATITUDE", "latitude", floating(minimum=-90, maximum=90), aliases=("LATITUD",)),
        Column("LONGITUD", "longitude", floating(minimum=-180, maximum=180), aliases=("LONGITUDE",)),
        Column("CYACTIVE", "cyactive", integer(ipeds_negative_null=True), feeds=("is_active",)),
        Column("CLOSEDAT", "closed_on", us_date()),
        # HD dictionary labels: DEATHYR "Year institution was deleted from IPEDS", GENTELE "General information
        # telephone number", ADMINURL "Admissions office web address", APPLURL "Online application web address",
        # FAIDURL "Financial aid office web address", NPRICURL "Net price calculator web address", VETURL and
        # DISAURL the veterans' and disability services pages (HD2019 on), OPEFLAG "OPE Title IV eligibility
        # indicator code", CBSA "Core Based Statistical Area (CBSA)", CBSATYPE "CBSA Type Metropolitan or
        # Micropolitan", COUNTYCD "Fips County code", COUNTYNM "County name". -1/-2/-3 (not reported / not
        # applicable / not available) are blank or None.
        Column("DEATHYR", "deleted_year", integer(ipeds_negative_null=True), required=False),
        Column("GENTELE", "phone", ipeds_text(30), required=False),
        Column("ADMINURL", "admissions_url", ipeds_text(500), required=False),
        Column("APPLURL", "application_url", ipeds_text(500), required=False),
        Column("FAIDURL", "financial_aid_url", ipeds_text(500), required=False),
        Column("NPRICURL", "net_price_calculator_url", ipeds_text(500), required=False),
        Column("VETURL", "veterans_url", ipeds_text(500), required=False),
        Column("DISAURL", "disability_url", ipeds_text(500), required=False),
        Column("OPEFLAG", "title_iv_status", integer(ipeds_negative_null=True), required=False),
        Column(
            "CBSA", "cbsa", code(r"\d{5}|-[123]", required=False, description="a 5-digit CBSA code"), required=False
        ),
        Column("CBSATYPE", "cbsa_type", integer(ipeds_negative_null=True), required=False),
        Column(
            "COUNTYCD",
            "county_code",
            code(r"\d{4,5}|-[123]", required=False, description="a FIPS county code"),
            required=False,
        ),  # fmt: skip
        # Not an institution's field: it names the county for reference_data.CountyArea (see after()).
        Column("COUNTYNM", "county_name", ipeds_text(100), required=False),
    )
    model = Institution
    key = ["unitid"]
    values = [
        "name", "slug", "alias", "address", "city", "state", "zip_code", "web_address", "control", "level",
        "sector", "latitude", "longitude", "is_active", "closed_on", "survey_year", "deleted_year", "phone",
        "admissions_url", "application_url", "financial_aid_url", "net_price_calculator_url", "veterans_url",
        "disability_url", "title_iv_status", "cbsa", "cbsa_type", "county_code",
    ]  # fmt: skip

    def resolve_vintage(self):
        year = int(self.period) if self.period and str(self.period).isdigit() else None
        year = year or self.year_in(self.name)
        if not year:
            raise ImportFailed(f"{self.name}: cannot tell the directory year from the file name; pass --period 2023")
        self.survey_year = year
        # HD2023 describes the 2023-24 academic year.
        self.vintage = f"{year}-{str(year + 1)[-2:]}"

    def before(self):
        self.counties = {}
        self.loaded_years = dict(Institution.objects.values_list("unitid", "survey_year"))
        self.newest_loaded = Institution.objects.aggregate(newest=Max("survey_year"))["newest"] or 0

    def clean(self, record, line):
        seen_year = self.loaded_years.get(record["unitid"])
        if seen_year and seen_year > self.survey_year:
            return Skip("institutions already loaded from a newer directory (kept as they are)")
        # CYACTIVE 1 = active this year; 2 = not yet active (new), 3 = closed during the year.
        cyactive = record.pop("cyactive")
        record["is_active"] = cyactive in (1, None) and self.survey_year >= self.newest_loaded
        record["control"] = CONTROL.get(record["control"], "")
        record["level"] = LEVEL.get(record["level"], "")
        record["zip_code"] = record["zip_code"] or ""
        record["cbsa"] = "" if record["cbsa"].startswith("-") else record["cbsa"]
        # COUNTYCD is a number in the file: 1089 is Madison County, Alabama (01089).
        county = record["county_code"]
        record["county_code"] = "" if county.startswith("-") else county.zfill(5) if county else ""
        self._note_county(record, record.pop("county_name", ""))
        if record["title_iv_status"] not in Institution.TitleIvStatus.values:
            record["title_iv_status"] = None
        record["slug"] = slugify(record["name"])[:200]
        record["survey_year"] = self.survey_year
        return record

    def _note_county(self, record, name):
        """Remember the county's name and CBSA: every school in a county gives the same pair (HD2024: 1,442
        counties, none with two CBSAs)."""
        if record["county_code"] and name:
            self.counties[record["county_code"]] = {
                "county_code": record["county_code"],
                "name": name,
                "name_key": county_key(name),
                "state": record["state"],
                "cbsa": record["cbsa"],
                "cbsa_type": record["cbsa_type"] if record["cbsa"] else None,
                "source": "IPEDS Institutional Characteristics (HD)",
                "vintage": self.vintage,
            }

    def _write_counties(self):
        """Counties and their CBSAs: the newest directory's pairs replace older ones; an older directory only adds
        counties the newer ones lack (a county whose schools have all closed keeps its metro area)."""
        newest = self.survey_year >= self.newest_loaded
        update = ["name", "name_key", "state", "cbsa", "cbsa_type", "source", "vintage"] if newest else ()
        insert_rows(CountyArea, list(self.counties.values()), conflict_key=["county_code"], update=update)
        self.written_models.add(CountyArea)

    def after(self):
        self._write_counties()
        if self.survey_year < self.newest_loaded:
            self.report.note(
                f"HD{self.newest_loaded} is already loaded: institutions only in this older directory are inactive"
            )
            return
        gone = Institution.objects.filter(survey_year__lt=self.survey_year, is_active=True).update(is_active=False)
        if gone:
            self.report.counts.updated += gone
            self.report.note(f"{gone:,} institution(s) not in HD{self.survey_year} marked inactive")

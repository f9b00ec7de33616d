"""BLS OEWS national industry-specific estimates: for each occupation, its employment and median pay in each
industry (a NAICS sector, or a 3- to 6-digit industry). One ``IndustryWage`` per occupation x industry x period.

Column meanings are BLS's own (the OEWS field descriptions): NAICS and NAICS_TITLE name the industry; I_GROUP is
its level ("sector", "3-digit" ... "6-digit"; "4-digit" can be an OEWS-specific group of industries such as
4240A2); OWN_CODE 1235 means all ownerships (federal, state and local government and private), other codes one
ownership only; TOT_EMP is employment, rounded; A_MEDIAN and H_MEDIAN are the annual and hourly medians.
Markers as in the cross-industry files: ``**`` employment not available, ``*`` wage not available (both stored
empty), ``#`` at or above the top code (the top code is stored and the field named in ``top_coded``).

Kept: detailed occupations in one industry, all ownerships. Skipped and counted: the cross-industry rows (NAICS
000000, or 000001 "private ownership only"; the OEWS importer loads cross-industry wages), single-ownership rows,
and totals and occupation groups (roll-ups). The estimates are national only: a row for another area is refused.

BLS publishes these as oesm25in4.zip (one workbook per industry level: natsector, nat3d, nat4d, nat5d_6d); the
site's data folder holds them as one CSV in the same columns for the healthcare occupations.
"""

import re

from reference_data.models import IndustryWage

from .. import freshness
from .base import Importer
from .occupations import OccupationCodes
from .oews import KNOWN_TOP_CODES, TopCodedWages, employment, release_period, source_url, wage
from .parsers import Column, text
from .report import RowError, Skip
from .upsert import Upsert

LEVELS = {level.value: level for level in IndustryWage.Level}
CROSS_INDUSTRY = {"000000", "000001"}
ALL_OWNERSHIPS = "1235"
NATIONAL_AREA = "99"
# 622000, 4240A2 (an OEWS group of 4-digit industries), or a sector: BLS writes sectors as 62 or 31-33; the
# site's data folder (built from BLS's time-series codes) writes them as a range such as 62--63, 31--34 or 99-100.
NAICS_CODE = re.compile(r"\d{4}[0-9A-Z]{2}|\d{2}(-{1,2}\d{2,3})?")
# field -> (column, decimal places, hourly?)
WAGE_FIELDS = {"annual_median": ("A_MEDIAN", 0, False), "hourly_median": ("H_MEDIAN", 2, True)}


class OewsIndustryImporter(TopCodedWages, Importer):
    dataset = "oews-industries"
    title = "BLS OEWS wages by industry"
    loads = "employment and median pay per occupation in each industry (national)"
    example_file = "bls/national_M2025_dl_industry_healthcare.csv"
    # After the cross-industry OEWS (50): both create the occupations they name, and that file names more.
    import_order = 55
    file_patterns = (
        r"national_M_?\d{4}_dl_industry.*\.(xlsx|csv)",
        r"nat(sector|3d|4d|5d_6d)_M_?\d{4}_dl\.(xlsx|csv)",
    )
    vintage_pattern = r"_M_?(\d{4})"
    freshness = freshness.oews_industries
    columns = (
        Column("AREA", "area_code", text(max_length=10), required=False),
        Column("NAICS", "naics", text(required=True, max_length=6)),
        Column("NAICS_TITLE", "naics_title", text(required=True, max_length=200)),
        Column("I_GROUP", "level", text(required=True)),
        Column("OWN_CODE", "own_code", text(), required=False),
        Column("OCC_CODE", "soc_code", text(required=True)),
        Column("OCC_TITLE", "soc_title", text(required=True, max_length=200)),
        Column("O_GROUP", "group", text(), aliases=("OCC_GROUP",), required=False),
        Column("TOT_EMP", "employment", employment),
        *(Column(column, field, wage(places)) for field, (column, places, _) in WAGE_FIELDS.items()),
    )
    model = IndustryWage
    key = ["occupation_id", "naics", "period"]
    values = ["naics_title", "level", "employment", *WAGE_FIELDS, "top_coded", "source_url"]
    batch_size = 5000

    def resolve_vintage(self):
        self.period_date = release_period(self.name, self.period)
        self.vintage = self.period_date.strftime("%B %Y")

    def before(self):
        self.top_codes = KNOWN_TOP_CODES.get(self.period_date.year)
        self.top_code_missing = False
        self.occupations = OccupationCodes(self)

    def make_upsert(self):
        return Upsert(
            self, IndustryWage, self.key, self.values, scope={"period": self.period_date}, counts=self.report.counts,
            resolve=self.occupations.resolve,
        )  # fmt: skip

    def clean(self, record, line):
        area = record.pop("area_code")
        if area and area != NATIONAL_AREA:
            raise RowError("AREA", f"{area!r}: industry estimates are national (99)")
        naics, level = record["naics"], record["level"].lower()
        if naics in CROSS_INDUSTRY or level.startswith("cross-industry"):
            return Skip("cross-industry rows (the OEWS dataset loads those)")
        if record.pop("own_code") not in ("", ALL_OWNERSHIPS):
            return Skip("single-ownership rows (only all-ownership estimates are kept)")
        if not NAICS_CODE.fullmatch(naics):
            raise RowError("NAICS", f"{naics!r} is not a NAICS code (622000, or 62--63 for a sector)")
        if level not in LEVELS:
            raise RowError("I_GROUP", f"{level!r} is not an industry level (sector, 3-digit ... 6-digit)")
        record["level"] = LEVELS[level]
        soc = record["soc_code"]
        if not re.fullmatch(r"\d{2}-\d{4}", soc):
            raise RowError("OCC_CODE", f"{soc!r} is not a SOC code (29-2072)")
        group = record.pop("group").lower()
        if (group and group != "detailed") or (not group and soc.endswith("000")):
            return Skip("totals and major, minor and broad occupation groups (roll-ups)")

        record["top_coded"] = self.replace_top_codes(record, WAGE_FIELDS)
        record["period"] = self.period_date
        record["source_url"] = source_url(soc, self.period_date, "national")
        return record

    def after(self):
        self.occupations.report()
        if self.top_code_missing:
            self.report.note(
                f"the top code for {self.vintage} is unknown: values marked # are stored empty and flagged top-coded"
            )

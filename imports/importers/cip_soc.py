"""The official NCES/BLS CIP 2020 to SOC 2018 crosswalk: which programs lead to which occupations.

Every SOC 2018 code the workbook names becomes an ``Occupation`` (it is also how the other importers tell whether
a code is in the current SOC); each CIP-SOC pair becomes a ``CipSocLink``. 99.9999 and 99-9999 mean "no match".
"""

import re

from reference_data.models import CipCode, CipSocLink, Occupation

from .. import freshness
from .base import Importer
from .cip import parse_cip
from .occupations import ALL_OCCUPATIONS
from .parsers import Column, code, text
from .report import ImportFailed, Skip
from .upsert import Upsert

NO_MATCH_CIP = "99.9999"
NO_MATCH_SOC = "99-9999"
SOC_CODE = r"\d{2}-\d{4}"


class CipSocImporter(Importer):
    dataset = "cip-soc"
    title = "CIP 2020 to SOC 2018 crosswalk"
    loads = "links from CIP programs to SOC occupations; creates every SOC 2018 occupation it names"
    example_file = "cip/CIP2020_SOC2018_Crosswalk.xlsx"
    import_order = 20
    file_patterns = (r"CIP\d{4}_?SOC\d{4}.*\.(xlsx|csv)",)
    vintage_pattern = r"CIP(\d{4})_?SOC"
    freshness = freshness.cip_soc
    sheet = r"^CIP-SOC$"
    columns = (
        Column("CIP2020Code", "cip_code", parse_cip, aliases=("CIPCode", "CIP Code", "CIP2020 Code")),
        Column(
            "SOC2018Code",
            "soc_code",
            code(SOC_CODE, description="a SOC code (29-2072)"),
            aliases=("SOCCode", "SOC Code", "SOC2018 Code"),
        ),
        Column("SOC2018Title", "soc_title", text(required=True, max_length=200), aliases=("SOCTitle", "SOC Title")),
    )

    def resolve_vintage(self):
        match = re.search(r"CIP(\d{4})_?SOC(\d{4})", self.name, re.IGNORECASE)
        self.vintage = f"CIP {match.group(1)} to SOC {match.group(2)}" if match else (self.period or "")

    def before(self):
        self.cip_ids = dict(CipCode.objects.values_list("code", "id"))
        if not self.cip_ids:
            raise ImportFailed(f"{self.name}: no CIP codes are loaded yet; import the cip dataset first")

    def clean(self, record, line):
        if record["soc_code"] == NO_MATCH_SOC:
            return Skip("CIP codes with no matching occupation (99-9999)")
        return record

    def run(self):
        self.resolve_vintage()
        self.before()
        titles, links = {}, []
        for line, record in self.read(self.open_table()):
            soc = record["soc_code"]
            titles.setdefault(soc, (line, record["soc_title"]))
            if record["cip_code"] == NO_MATCH_CIP:
                self.report.skip("occupations with no matching CIP program (99.9999)")
                continue
            cip_id = self.cip_ids.get(record["cip_code"])
            if cip_id is None:
                self.report.skip("CIP codes not in the loaded CIP table", record["cip_code"])
                continue
            links.append((line, cip_id, soc))
        self.check_rejects()

        occupations = Upsert(self, Occupation, ["soc_code"], ["title", "in_current_soc"], label="occupations")
        for soc, (line, title) in titles.items():
            occupations.add(line, {"soc_code": soc, "title": title, "in_current_soc": True})
        occupations.flush()
        self.report.tables["occupations"] = occupations.counts

        occupation_ids = dict(Occupation.objects.values_list("soc_code", "id"))
        link_upsert = Upsert(self, CipSocLink, ["cip_id", "occupation_id"], [], counts=self.report.counts)
        for line, cip_id, soc in links:
            link_upsert.add(line, {"cip_id": cip_id, "occupation_id": occupation_ids[soc]})
        link_upsert.flush()
        self.check_rejects()

        # The crosswalk is the list of SOC 2018 codes: anything else (older or OEWS-only codes) is not current.
        current = [*titles, ALL_OCCUPATIONS]
        stale = (
            Occupation.objects.filter(in_current_soc=True).exclude(soc_code__in=current).update(in_current_soc=False)
        )
        if stale:
            self.report.note(f"{stale:,} occupation code(s) not in SOC 2018 marked as not current")

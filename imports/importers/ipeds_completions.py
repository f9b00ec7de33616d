"""IPEDS Completions by CIP and award level (C_A, first majors): one ``Program`` per UNITID x 6-digit CIP x award
level, and one ``Completion`` per program and survey year. Every year imported is kept.

Rows for unknown institutions, 2-digit or 99 roll-ups, second majors and CIP codes that are not in the CIP table
are skipped and counted, not errors.
"""

from reference_data.models import CipCode
from schools.models import Completion, Institution, Program

from .. import freshness
from .base import Importer
from .bulk import insert_rows
from .cip import parse_cip
from .ipeds_hd import unitid
from .parsers import Column, code, integer
from .report import ImportFailed, RowError, Skip
from .upsert import Upsert

AWARD_LEVELS = {choice.value for choice in Program.AwardLevel}


class IpedsCompletionsImporter(Importer):
    dataset = "ipeds-completions"
    title = "IPEDS completions (C_A)"
    loads = "programs (school x 6-digit CIP x award level) and their completions for the survey year"
    example_file = "ipeds/c2024_a_cip51_major1.csv"
    import_order = 40
    file_patterns = (r"c\d{4}_a.*\.csv",)
    vintage_pattern = r"c(\d{4})_a"
    freshness = freshness.ipeds_completions
    columns = (
        Column("UNITID", "unitid", unitid),
        Column("CIPCODE", "cip", parse_cip),
        # Required: without it second majors would be counted as first majors.
        Column("MAJORNUM", "majornum", integer()),
        Column("AWLEVEL", "award_level", code(r"\d{1,2}", description="an award level code")),
        Column("CTOTALT", "total", integer(required=True, minimum=0)),
        Column("CTOTALM", "men", integer(minimum=0, ipeds_negative_null=True), required=False),
        Column("CTOTALW", "women", integer(minimum=0, ipeds_negative_null=True), required=False),
    )
    model = Completion
    key = ["program_id", "year"]
    values = ["total", "men", "women"]
    batch_size = 5000

    def resolve_vintage(self):
        year = int(self.period) if self.period and str(self.period).isdigit() else None
        year = year or self.year_in(self.name)
        if not year:
            raise ImportFailed(f"{self.name}: cannot tell the survey year from the file name; pass --period 2024")
        self.year = year
        # C2024 counts awards made July 2023 to June 2024.
        self.vintage = f"{year - 1}-{str(year)[-2:]}"

    def before(self):
        self.institution_ids = dict(Institution.objects.values_list("unitid", "id"))
        self.cip_ids = dict(CipCode.objects.filter(digits=6).values_list("code", "id"))
        if not self.cip_ids:
            raise ImportFailed(f"{self.name}: no CIP codes are loaded yet; import the cip dataset first")
        if not self.institution_ids:
            raise ImportFailed(f"{self.name}: no institutions are loaded yet; import an ipeds-hd directory first")
        self.programs = Upsert(self, Program, ["institution_id", "cip_id", "award_level"], [], label="programs")
        self.report.tables["programs"] = self.programs.counts

    def make_upsert(self):
        return Upsert(
            self, Completion, self.key, self.values, scope={"year": self.year}, counts=self.report.counts,
            resolve=self.resolve_programs,
        )  # fmt: skip

    def clean(self, record, line):
        if record["majornum"] not in (1, None):
            return Skip("second majors")
        cip = record["cip"]
        if len(cip) != 7 or cip.startswith("99"):
            return Skip("2-digit and 99 roll-up rows (totals)")
        if record["award_level"] not in AWARD_LEVELS:
            raise RowError("AWLEVEL", f"{record['award_level']!r} is not an IPEDS award level")
        institution_id = self.institution_ids.get(record["unitid"])
        if institution_id is None:
            return Skip("institutions not in the loaded IPEDS directories", key=record["unitid"])
        cip_id = self.cip_ids.get(cip)
        if cip_id is None:
            return Skip("CIP codes not in the loaded CIP table", key=cip)
        return {
            "program_key": (institution_id, cip_id, record["award_level"]),
            "year": self.year,
            "total": record["total"],
            "men": record["men"],
            "women": record["women"],
        }

    def resolve_programs(self, batch):
        """Create the batch's new programs in one insert, then point each completion at its program."""
        existing = self.programs.existing
        new = {}
        for line, record in batch:
            key = record["program_key"]
            if key in existing:
                self.programs.counts.unchanged += 1
            elif key not in new:
                new[key] = line
        if new:
            rows = [{"institution_id": i, "cip_id": c, "award_level": a} for i, c, a in new]
            for key, pk in zip(new, insert_rows(Program, rows, returning=True), strict=True):
                existing[key] = (pk,)
            self.programs.counts.created += len(rows)
        for _, record in batch:
            record["program_id"] = existing[record.pop("program_key")][-1]
        return batch

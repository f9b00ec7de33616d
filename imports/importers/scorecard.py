"""College Scorecard (U.S. Department of Education): the institution file (net price, completion rate) and the
Field of Study file (graduates' earnings and debt by school, 4-digit CIP and credential level).

Columns are picked by name, so the publisher's full files (about 3,300 and 180 columns) import as the subsets do;
the institution file's full layout names its figures differently from the subset (see ScorecardInstitutionImporter).
The release date comes from the file name (Most-Recent-Cohorts-Field-of-Study_06102026.csv: 10 June 2026); a release
replaces the figures of older ones. The Field of Study file may be gzipped.
"""

import datetime
import gzip
import io
import re
from pathlib import Path

from django.conf import settings

from schools.models import InstitutionOutcome, ProgramOutcome

from .. import freshness
from .base import Importer
from .ipeds_common import InstitutionLookup, published_number, published_rate
from .parsers import Column, code, normalize_header, text
from .readers import Table, _CountingReader
from .report import ImportFailed, Skip, columns_missing

# Scorecard keys IPEDS schools by their 6-digit UNITID, its own extra locations by 7 or 8 digits (10415115, an
# Arizona State centre), and foreign schools whose students borrow federal loans by "NA".
scorecard_unitid = code(r"\d{6,8}|NA", description="a UNITID (6 to 8 digits, or NA)")
NO_UNITID = Skip("schools without an IPEDS UNITID (NA: foreign schools)")

UTF8_BOM = "\ufeff"


def release_date(name, period=None):
    match = re.search(r"_(\d{2})(\d{2})(\d{4})", name)
    if match:
        month, day, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    if period:
        try:
            return datetime.date.fromisoformat(str(period))
        except ValueError:
            pass
    raise ImportFailed(
        f"{name}: cannot tell the Scorecard release from the file name (…_MMDDYYYY.csv); pass --period 2026-06-10"
    )


def read_gzip_csv(path: Path, name: str) -> Table:
    """A gzipped CSV, streamed: progress follows the compressed bytes read. Like every delimited file, each row
    must have the header's field count (``fixed_width``) and no field may pass IMPORT_MAX_CELL_CHARS; a file cut
    short fails in gzip itself (EOFError)."""
    import csv

    csv.field_size_limit(settings.IMPORT_MAX_CELL_CHARS)

    counting = _CountingReader(open(path, "rb"))  # noqa: SIM115 - closed by Table.close
    try:
        text_stream = io.TextIOWrapper(gzip.GzipFile(fileobj=io.BufferedReader(counting, 1 << 16)), "utf-8-sig")
        reader = csv.reader(text_stream)
    except OSError as exc:
        raise ImportFailed(f"{name}: not a readable gzip file ({exc})") from exc

    def rows():
        previous_end = 0
        try:
            for values in reader:
                start, previous_end = previous_end + 1, reader.line_num
                yield start, values
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            raise ImportFailed(f"{name}:{previous_end + 1}: not readable: {exc}") from exc

    return Table(name=name, rows=rows(), total=path.stat().st_size, position=lambda: counting.bytes_read,
                 encoding="utf-8", fixed_width=True, closers=[text_stream.close])  # fmt: skip


class ScorecardImporter(Importer):
    """Shared by both files: the release from the file name; older releases' rows removed once this one is in."""

    @classmethod
    def sort_key(cls, name: str) -> tuple:
        """The oldest release first (and ``fetch_data --check`` compares releases by it)."""
        try:
            return (release_date(name).toordinal(), name)
        except ImportFailed:
            return (0, name)

    def resolve_vintage(self):
        self.released_on = release_date(self.name, self.period)
        self.vintage = f"College Scorecard, {self.released_on:%B %Y} release"

    def before(self):
        self.institutions = InstitutionLookup(self.name)

    def institution_id(self, value):
        if value == "NA":
            return NO_UNITID
        institution_id = self.institutions.get(value)
        return InstitutionLookup.NOT_LOADED if institution_id is None else institution_id

    def open_table(self):
        if self.path.suffix.lower() == ".gz":
            return read_gzip_csv(self.path, self.name)
        return super().open_table()

    def after(self):
        older = self.model.objects.filter(released_on__lt=self.released_on).delete()[0]
        if older:
            self.report.note(f"{older:,} row(s) of older Scorecard releases removed")


# The institution file in two layouts, told apart by the header. The site's data folder holds a subset whose
# columns already merge the publisher's; the publisher's full file (Most-Recent-Cohorts-Institution.csv, about
# 3,300 columns) names them as its data dictionary does:
# - C150_4 / C150_L4: completion rate of first-time, full-time students within 150% of normal time, at four-year
#   schools / at schools below four years (a school has one of the two);
# - NPT4_*: average net price of Title IV students, and NPT41_* .. NPT45_* by family income ($0-30,000,
#   $30,001-48,000, $48,001-75,000, $75,001-110,000, over $110,000), each published in the one column of the
#   school's kind: _PUB public, _PRIV private, _PROG program-year calendar, _OTHER other academic calendar.
# The subset took the first of each group that has a value; the full file is read the same way. Measured: a made-up
# full-width file (6,273 rows x 3,308 columns, 180 MB; the real one is 100 MB) imports in 16 s on SQLite, peak 65 MB.
NET_PRICE_KINDS = ("PUB", "PRIV", "PROG", "OTHER")
NET_PRICES = {
    "net_price_average": "NPT4",
    "net_price_0_30k": "NPT41",
    "net_price_30_48k": "NPT42",
    "net_price_48_75k": "NPT43",
    "net_price_75_110k": "NPT44",
    "net_price_110k_plus": "NPT45",
}
SUBSET_NAMES = {
    "completion_rate": "completion_rate",
    "net_price_average": "net_price_avg",
    "net_price_0_30k": "net_price_0_30k",
    "net_price_30_48k": "net_price_30_48k",
    "net_price_48_75k": "net_price_48_75k",
    "net_price_75_110k": "net_price_75_110k",
    "net_price_110k_plus": "net_price_110k_plus",
}
FULL_FILE_COMPLETION = ("C150_4", "C150_L4")
FULL_FILE_NET_PRICES = tuple(f"{stem}_{kind}" for stem in NET_PRICES.values() for kind in NET_PRICE_KINDS)


def _first_published(*values):
    return next((value for value in values if value is not None), None)


def _net_price():
    # A net price may be negative (grants above the cost of attendance).
    return published_number(signed=True)


class ScorecardInstitutionImporter(ScorecardImporter):
    dataset = "scorecard-institution"
    import_order = 45
    freshness = freshness.scorecard_institution
    title = "College Scorecard institutions"
    loads = "average net price, net price by family income and completion rate, per school"
    example_file = "scorecard/Most-Recent-Cohorts-Institution_06102026_subset.csv"
    file_patterns = (r"most-recent-cohorts-institution.*\.csv(\.gz)?",)
    columns = (
        Column("UNITID", "unitid", scorecard_unitid),
        # Every other column is optional here; bind_header asks for one layout's columns in full.
        Column("completion_rate", "subset:completion_rate", published_rate(), required=False),
        *(Column(name, f"subset:{field}", _net_price(), required=False) for field, name in SUBSET_NAMES.items()
          if field != "completion_rate"),
        *(Column(name, name, published_rate(), required=False) for name in FULL_FILE_COMPLETION),
        *(Column(name, name, _net_price(), required=False) for name in FULL_FILE_NET_PRICES),
    )  # fmt: skip
    model = InstitutionOutcome
    key = ["institution_id", "released_on"]
    values = [
        "completion_rate", "net_price_average", "net_price_0_30k", "net_price_30_48k", "net_price_48_75k",
        "net_price_75_110k", "net_price_110k_plus",
    ]  # fmt: skip

    def bind_header(self, names, positions):
        found = {normalize_header(column.name) for column in positions}
        layouts = {"subset": SUBSET_NAMES.values(), "full": (*FULL_FILE_COMPLETION, *FULL_FILE_NET_PRICES)}
        missing = {kind: [c for c in wanted if normalize_header(c) not in found] for kind, wanted in layouts.items()}
        complete = [layout for layout, lacking in missing.items() if not lacking]
        if not complete:
            # Name what the nearer layout lacks (a subset without net_price_avg says just that).
            raise columns_missing(self.name, min(missing.values(), key=len))
        self.layout = complete[0]

    def clean(self, record, line):
        institution_id = self.institution_id(record["unitid"])
        if isinstance(institution_id, Skip):
            return institution_id
        if self.layout == "subset":
            figures = {field: record[f"subset:{field}"] for field in SUBSET_NAMES}
        else:
            figures = {
                "completion_rate": _first_published(*(record[name] for name in FULL_FILE_COMPLETION)),
                **{
                    field: _first_published(*(record[f"{stem}_{kind}"] for kind in NET_PRICE_KINDS))
                    for field, stem in NET_PRICES.items()
                },
            }
        return {**figures, "institution_id": institution_id, "released_on": self.released_on}


class ScorecardFieldOfStudyImporter(ScorecardImporter):
    dataset = "scorecard-field-of-study"
    import_order = 46
    freshness = freshness.scorecard_field_of_study
    title = "College Scorecard fields of study"
    loads = "graduates' median earnings 1 and 4 years after completing and median debt, per school x field x credential"
    example_file = "scorecard/Most-Recent-Cohorts-Field-of-Study_06102026_subset.csv.gz"
    file_patterns = (r"most-recent-cohorts-field-of-study.*\.csv(\.gz)?",)
    # The site's programs are health programs (CIP family 51); other fields are counted and skipped. Keeping
    # only them imports 11,000-odd rows of the 228,000 in a few seconds.
    cip_families = ("51",)
    columns = (
        Column("UNITID", "unitid", scorecard_unitid),
        # The publisher's CSV writes 4 digits ("0101"); a spreadsheet round trip drops the leading zero ("101").
        Column("CIPCODE", "cip", code(r"\d{3,4}", description="a 4-digit CIP code such as 5108")),
        Column("CIPDESC", "cip_title", text(max_length=200), required=False),
        Column("CREDLEV", "credential_level", code(r"[1-8]|99", description="a credential level (1 to 8, or 99)")),
        Column("IPEDSCOUNT1", "completers", published_number()),
        Column("EARN_MDN_1YR", "earnings_1_year", published_number()),
        Column("EARN_MDN_4YR", "earnings_4_years", published_number()),
        Column("DEBT_ALL_STGP_EVAL_MDN", "median_debt", published_number()),
    )
    model = ProgramOutcome
    key = ["institution_id", "cip_code", "credential_level", "released_on"]
    values = ["cip_title", "completers", "earnings_1_year", "earnings_4_years", "median_debt"]
    batch_size = 5000

    def bind_header(self, names, positions):
        self.cip_position = next(index for column, index in positions.items() if column.field == "cip")
        self.outside_families = f"fields outside CIP families {', '.join(self.cip_families)}"

    def parse_row(self, line, raw, positions, columns, clean, names=()):
        # Nine rows in ten are other fields: skip them on the raw CIP cell before the other cells are parsed
        # (measured: the file imported in 26 s parsing every row, in a few seconds this way).
        cip = raw[self.cip_position].strip().zfill(4) if self.cip_position < len(raw) else ""
        if cip[:2] not in self.cip_families and cip.isdigit():
            self.report.skip(self.outside_families)
            return None
        return super().parse_row(line, raw, positions, columns, clean, names)

    def clean(self, record, line):
        cip = record.pop("cip").zfill(4)
        if record["credential_level"] == "99":
            # CREDDESC "Non-Credential Program (Preparatory Coursework/Teacher Certification)": no award to judge.
            return Skip("non-credential programs (CREDLEV 99)")
        institution_id = self.institution_id(record.pop("unitid"))
        if isinstance(institution_id, Skip):
            return institution_id
        record.update(
            institution_id=institution_id,
            cip_code=f"{cip[:2]}.{cip[2:]}",
            cip_title=record["cip_title"].rstrip("."),
            credential_level=int(record["credential_level"]),
            released_on=self.released_on,
        )
        return record

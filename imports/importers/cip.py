"""CIP 2020 codes and titles (NCES ``CIPCode2020.csv``): 2-digit families, 4-digit series, 6-digit programs."""

import re

from reference_data.models import CipCode

from .. import freshness
from .base import Importer
from .parsers import Column, cell_text, text
from .report import RowError, Skip

CIP_CODE = re.compile(r"\d{2}(\.\d{2}(\d{2})?)?")
# The file also lists the CIP 2010 codes that were moved or deleted in 2020, so readers can follow them; they are
# not codes of CIP 2020 and nothing reports under them.
NOT_IN_THIS_EDITION = {"moved from", "deleted"}


def cip_code(value) -> str:
    """CIP codes are strings: ``01.0101``. Excel exports write ``="01.0101"``; a numeric cell lost its zeros."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:07.4f}"
    raw = cell_text(value)
    if raw.startswith('="') and raw.endswith('"'):
        raw = raw[2:-1]
    return raw.strip()


def parse_cip(value):
    raw = cip_code(value)
    if not raw:
        raise ValueError("is empty")
    if not CIP_CODE.fullmatch(raw):
        raise ValueError(f"{raw!r} is not a CIP code (51, 51.07 or 51.0713)")
    return raw


def tidy_title(value: str) -> str:
    # Official titles end with a period ("Medical Insurance Coding Specialist/Coder."), which reads oddly in lists.
    return value.strip().removesuffix(".").strip()


class CipImporter(Importer):
    dataset = "cip"
    title = "CIP 2020 codes"
    loads = "CIP codes and titles (2-, 4- and 6-digit)"
    example_file = "cip/CIPCode2020.csv"
    import_order = 10
    file_patterns = (r"CIPCode\d{4}\.(csv|xlsx)",)
    vintage_pattern = r"CIPCode(\d{4})"
    freshness = freshness.cip
    columns = (
        Column("CIPCode", "code", parse_cip, aliases=("CIP Code", "CIPCODE")),
        Column("CIPTitle", "title", text(required=True), aliases=("CIP Title",)),
        Column("CIPDefinition", "definition", text(), aliases=("CIP Definition",), required=False),
        # Required: without it the moved and deleted 2010 codes would be imported as codes of this edition.
        Column("Action", "action", text()),
    )
    model = CipCode
    key = ["code"]
    values = ["title", "definition", "digits"]

    def resolve_vintage(self):
        year = self.year_in(self.name)
        self.vintage = f"CIP {year}" if year else (self.period or "CIP")

    def clean(self, record, line):
        if record.pop("action").lower() in NOT_IN_THIS_EDITION:
            return Skip("codes moved or deleted in this edition (listed for reference only)")
        title = tidy_title(record["title"])
        if len(title) > 300:
            raise RowError("CIPTitle", "is longer than 300 characters")
        record["title"] = title
        record["digits"] = {2: 2, 5: 4, 7: 6}[len(record["code"])]
        return record

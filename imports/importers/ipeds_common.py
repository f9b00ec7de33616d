"""Cell readers and lookups the IPEDS and College Scorecard importers share.

IPEDS files write "." for a missing value and -1 / -2 (-3) for "not reported" / "not applicable" ("not available");
the College Scorecard's full files write "PrivacySuppressed" (older) or "PS" where the Department suppresses a
value for privacy, and its subsets leave the cell blank. All of these become None: never 0.
"""

from schools.models import Institution

from .base import Importer
from .parsers import cell_text, code, floating, integer
from .report import ImportFailed, Skip

SUPPRESSED = frozenset({"", ".", "NULL", "PRIVACYSUPPRESSED", "PS", "NA"})

unitid = code(r"\d{6}", description="a UNITID (6 digits)")


def published_number(*, maximum=None, signed=False):
    """A whole number (a float written "51727.0" included), or None where the publisher gives none. IPEDS's -1/-2/-3
    codes are None too, except in ``signed`` columns (Scorecard net prices), which IPEDS codes never reach."""
    whole = integer(minimum=None if signed else 0)

    def parse(value):
        raw = cell_text(value)
        if raw.upper() in SUPPRESSED or (not signed and raw in ("-1", "-2", "-3")):
            return None
        result = whole(raw)
        if maximum is not None and result is not None and result > maximum:
            raise ValueError(f"{raw!r} is above {maximum}")
        return result

    return parse


def published_rate(*, maximum=1):
    """A share (0.3125), or None where the publisher gives none ("NULL", "PrivacySuppressed", "PS" or blank)."""
    share = floating(minimum=0, maximum=maximum)

    def parse(value):
        return None if cell_text(value).upper() in SUPPRESSED else share(value)

    return parse


def ipeds_answer(value):
    """An IPEDS yes/no item as stored in ``IpedsAnswer``: 1 yes, 0 or 2 no, -1 not reported, -2 not applicable."""
    raw = cell_text(value)
    answers = {"1": "yes", "0": "no", "2": "no", "-1": "not_reported", "-2": "not_applicable", "": "not_reported"}
    if raw not in answers:
        raise ValueError(f"{raw!r} is not an IPEDS answer (1, 0/2, -1 or -2)")
    return answers[raw]


class InstitutionLookup:
    """UNITID -> institution id, loaded once; rows for schools not in the loaded IPEDS directories are skipped."""

    NOT_LOADED = Skip("institutions not in the loaded IPEDS directories")

    def __init__(self, file_name):
        self.ids = dict(Institution.objects.values_list("unitid", "id"))
        if not self.ids:
            raise ImportFailed(f"{file_name}: no institutions are loaded yet; import an ipeds-hd directory first")

    def get(self, unitid_value):
        return self.ids.get(unitid_value)


class SchoolRowImporter(Importer):
    """A file with one row per school, keyed by UNITID: rows of schools not in the loaded directories are skipped;
    ``clean_school_row`` turns the rest into records."""

    def before(self):
        self.institutions = InstitutionLookup(self.name)

    def clean(self, record, line):
        institution_id = self.institutions.get(record.pop("unitid"))
        if institution_id is None:
            return InstitutionLookup.NOT_LOADED
        return self.clean_school_row(record, institution_id)

    def clean_school_row(self, record, institution_id):
        raise NotImplementedError


class SchoolYearImporter(SchoolRowImporter):
    """An IPEDS survey file with one row per school for one survey year (IC, IC_AY): the year from the file name
    (``vintage_pattern``) or ``--period``, and ``year`` added to each record."""

    def resolve_vintage(self):
        year = int(self.period) if self.period and str(self.period).isdigit() else None
        self.year = year or self.year_in(self.name)
        if not self.year:
            raise ImportFailed(f"{self.name}: cannot tell the survey year from the file name; pass --period 2022")
        # IC2022 and IC2022_AY (its AY3 columns) describe the 2022-23 academic year.
        self.vintage = f"{self.year}-{str(self.year + 1)[-2:]}"

    def clean_school_row(self, record, institution_id):
        return {**record, "institution_id": institution_id, "year": self.year}

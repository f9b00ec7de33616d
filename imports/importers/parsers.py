"""Cell parsers and column declarations: each parser takes a raw cell (text from a CSV, or str/int/float/None from
a spreadsheet) and returns a Python value or raises ValueError with a reason a person can act on."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any


def cell_text(value) -> str:
    if type(value) is str:  # every CSV cell: the one check it needs
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def text(*, required=False, max_length=None, default=""):
    def parse(value):
        result = cell_text(value)
        if not result:
            if required:
                raise ValueError("is empty")
            return default
        if max_length and len(result) > max_length:
            raise ValueError(f"is longer than {max_length} characters")
        return result

    return parse


def _number_text(value):
    result = cell_text(value).replace(",", "")
    return result.removeprefix("$")


def integer(*, required=False, minimum=None, ipeds_negative_null=False):
    """A whole number; IPEDS writes -1/-2/-3 for "not applicable / not reported", which become None."""

    def parse(value):
        raw = _number_text(value)
        if raw.isdigit() and raw.isascii():
            # Plain digits, as nearly every official cell is: int() gives what the Decimal path would, faster.
            result = int(raw)
        elif not raw:
            if required:
                raise ValueError("is empty")
            return None
        else:
            try:
                number = Decimal(raw)
            except InvalidOperation:
                raise ValueError(f"{raw!r} is not a whole number") from None
            if number != number.to_integral_value():
                raise ValueError(f"{raw!r} is not a whole number")
            result = int(number)
        if ipeds_negative_null and result < 0:
            return None
        if minimum is not None and result < minimum:
            raise ValueError(f"{raw!r} is below {minimum}")
        return result

    return parse


def decimal(places, *, required=False):
    quantum = Decimal(1).scaleb(-places)

    def parse(value):
        raw = _number_text(value)
        if not raw:
            if required:
                raise ValueError("is empty")
            return None
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise ValueError(f"{raw!r} is not a number") from None
        if not number.is_finite():
            raise ValueError(f"{raw!r} is not a number")
        return number.quantize(quantum)

    return parse


def floating(*, required=False, minimum=None, maximum=None, ipeds_negative_null=False):
    def parse(value):
        raw = _number_text(value)
        if not raw:
            if required:
                raise ValueError("is empty")
            return None
        try:
            number = float(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a number") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"{raw!r} is not a number")
        if ipeds_negative_null and number in (-1, -2, -3):
            return None
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            raise ValueError(f"{raw!r} is outside {minimum} to {maximum}")
        return number

    return parse


def code(pattern, *, required=True, description="a valid code", transform=None):
    """A code kept as a string (leading zeros matter): UNITID, CIP, SOC, ZIP."""
    compiled = re.compile(pattern)

    def parse(value):
        raw = transform(value) if transform else cell_text(value)
        if not raw:
            if required:
                raise ValueError("is empty")
            return ""
        if not compiled.fullmatch(raw):
            raise ValueError(f"{raw!r} is not {description}")
        return raw

    return parse


def us_date(*, ipeds_negative_null=True):
    """IPEDS dates are MM/DD/YYYY (some years ISO); -2 means not applicable."""

    def parse(value):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        raw = cell_text(value)
        if not raw or (ipeds_negative_null and re.fullmatch(r"-[123]", raw)):
            return None
        if re.fullmatch(r"0{1,2}/0{1,2}/0{4}", raw):
            # Some HD years write 00/00/0000 for "closed, date not known".
            return None
        for fmt in ("%m/%d/%Y", "%Y-%m-%d", "%m/%Y"):
            try:
                return datetime.strptime(raw, fmt).date()
            except ValueError:
                continue
        raise ValueError(f"{raw!r} is not a date (MM/DD/YYYY)")

    return parse


def normalize_header(name) -> str:
    return re.sub(r"\s+", " ", cell_text(name).replace("\ufeff", "")).strip().upper()


@dataclass(frozen=True)
class Column:
    """One column of a source file: its official name, the names other years used, and how to read a cell.

    ``pattern`` matches header names that carry a year (``Employment, 2024``); ``required`` means the column must
    be in the header, otherwise the whole file is refused (``file: column LATITUDE is missing``). An optional column
    that a file lacks is never written: its ``field``, and the ``feeds`` fields ``clean`` derives from it, are left
    out of the upsert, so the values already stored stay.
    """

    name: str
    field: str | None = None
    parse: Callable[[Any], Any] = dataclass_field(default_factory=text)
    aliases: tuple[str, ...] = ()
    required: bool = True
    pattern: str | None = None
    feeds: tuple[str, ...] = ()

    @property
    def written_fields(self) -> tuple[str, ...]:
        return (self.field or self.name, *self.feeds)

    def matches(self, header_name: str) -> bool:
        if self.pattern:
            return re.fullmatch(self.pattern, header_name, flags=re.IGNORECASE) is not None
        return header_name in {normalize_header(n) for n in (self.name, *self.aliases)}


def year_from_name(name: str, pattern: str) -> int | None:
    """The four-digit year a file name carries (``hd(\\d{4})`` finds 2024 in hd2024.csv), or None."""
    match = re.search(pattern, name, re.IGNORECASE)
    return int(match.group(1)) if match else None

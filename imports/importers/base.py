"""Machinery every importer shares: reading CSV / text / xlsx streams, parsing cells, reporting bad rows as
``file:line: column: reason``, counting, and upserting in batches.

A dataset module describes its columns (``Column``), how a row becomes a record (``clean``) and where records go
(``Upsert``); this module does the rest. Nothing here commits: ``imports.services.run_import`` wraps a run in one
transaction and rolls it back on failure or for a dry run.
"""

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, ClassVar

from django.db import models

from .bulk import insert_rows

MAX_REPORTED_ERRORS = 20
UTF8_BOM = b"\xef\xbb\xbf"
# CSV fields in the official files stay well under this, but the CIP definitions are long.
csv.field_size_limit(10 * 1024 * 1024)


class ImportFailed(Exception):
    """A run that cannot go on (unreadable file, missing column, too many bad rows). Nothing is written."""


class RowError(Exception):
    """One bad cell: the row is rejected with ``file:line: column: reason``."""

    def __init__(self, column, reason):
        super().__init__(f"{column}: {reason}")
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class Skip:
    """A row the publisher marks as not data (roll-up, footnote, blank) or one we do not keep; counted, not an error."""

    reason: str


# ---------------------------------------------------------------------------------------------------------------
# Cell parsers: each takes a raw cell (text from a CSV, or str/int/float/None from a spreadsheet) and returns a
# Python value or raises ValueError with a reason a person can act on.


def cell_text(value) -> str:
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
        if not raw:
            if required:
                raise ValueError("is empty")
            return None
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
    be in the header, otherwise the whole file is refused.
    """

    name: str
    field: str | None = None
    parse: Callable[[Any], Any] = dataclass_field(default_factory=text)
    aliases: tuple[str, ...] = ()
    required: bool = True
    pattern: str | None = None

    def matches(self, header_name: str) -> bool:
        if self.pattern:
            return re.fullmatch(self.pattern, header_name, flags=re.IGNORECASE) is not None
        return header_name in {normalize_header(n) for n in (self.name, *self.aliases)}


# ---------------------------------------------------------------------------------------------------------------
# Reading files


def detect_encoding(path: Path) -> str:
    """UTF-8 with or without a byte-order mark, UTF-16 with one, otherwise Windows-1252 (older IPEDS files).

    The UTF-8 check decodes the whole file incrementally (a 7 MB file takes milliseconds and no memory) because a
    Windows-1252 file may show its first non-ASCII byte on the last line.
    """
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith(UTF8_BOM):
            return "utf-8-sig"
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


class _CountingReader(io.RawIOBase):
    """Counts the bytes read so progress can follow a streamed text file."""

    def __init__(self, raw):
        self._raw = raw
        self.bytes_read = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = self._raw.readinto(buffer)
        self.bytes_read += n or 0
        return n

    def close(self):
        self._raw.close()
        super().close()


@dataclass
class Table:
    """A stream of rows with their line numbers (1-based, as a text editor or Excel shows them)."""

    name: str
    rows: Iterator[tuple[int, list]]
    total: int | None
    position: Callable[[], int]
    encoding: str | None = None
    closers: list = dataclass_field(default_factory=list)

    def close(self):
        for close in self.closers:
            close()


def read_delimited(path: Path, *, delimiter=None, name=None) -> Table:
    encoding = detect_encoding(path)
    if delimiter is None:
        with open(path, encoding=encoding, newline="", errors="replace") as fh:
            first = fh.readline()
        counts = {d: first.count(d) for d in (",", "\t", "|")}
        delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    counting = _CountingReader(open(path, "rb"))  # noqa: SIM115 - closed by Table.close
    stream = io.TextIOWrapper(io.BufferedReader(counting, 1 << 16), encoding=encoding, newline="")
    # Tab- and pipe-delimited files (O*NET, the Census Gazetteer) never quote; a quote there is just a character.
    quoting = csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE
    reader = csv.reader(stream, delimiter=delimiter, quoting=quoting)
    display = name or path.name

    def rows():
        previous_end = 0
        try:
            for values in reader:
                start = previous_end + 1
                previous_end = reader.line_num
                yield start, values
        except UnicodeDecodeError as exc:
            raise ImportFailed(f"{display}:{previous_end + 1}: file is not readable as {encoding}: {exc}") from exc
        except csv.Error as exc:
            raise ImportFailed(f"{display}:{reader.line_num}: malformed CSV: {exc}") from exc

    return Table(
        name=display,
        rows=rows(),
        total=path.stat().st_size,
        position=lambda: counting.bytes_read,
        encoding=encoding,
        closers=[stream.close],
    )


def read_xlsx(path: Path, *, sheet=None, required_headers=(), name=None) -> Table:
    """Stream one worksheet. ``sheet`` is a regex on the sheet name; without a match, the first sheet whose first
    rows hold every required header is used."""
    import openpyxl

    display = name or path.name
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a file that is not a workbook
        raise ImportFailed(f"{display}: not a readable .xlsx workbook ({exc})") from exc
    chosen = None
    if sheet:
        chosen = next((ws for ws in workbook.worksheets if re.search(sheet, ws.title, re.IGNORECASE)), None)
    if chosen is None and required_headers:
        wanted = {normalize_header(h) for h in required_headers}
        for ws in workbook.worksheets:
            for row in ws.iter_rows(max_row=15, values_only=True):
                if wanted <= {normalize_header(v) for v in row}:
                    chosen = ws
                    break
            if chosen is not None:
                break
    if chosen is None:
        chosen = workbook.worksheets[0]
    position = [0]

    def rows():
        for number, values in enumerate(chosen.iter_rows(values_only=True), start=1):
            position[0] = number
            yield number, list(values)

    return Table(
        name=f"{display}",
        rows=rows(),
        total=chosen.max_row,
        position=lambda: position[0],
        closers=[workbook.close],
    )


# ---------------------------------------------------------------------------------------------------------------
# Counting and reporting


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: int = 0

    def __str__(self):
        return (
            f"created {self.created:,}, updated {self.updated:,}, unchanged {self.unchanged:,}, "
            f"skipped {self.skipped:,}, rejected {self.rejected:,}"
        )


@dataclass
class Report:
    dataset: str
    file_name: str = ""
    counts: Counts = dataclass_field(default_factory=Counts)
    tables: dict[str, Counts] = dataclass_field(default_factory=dict)
    errors: list[str] = dataclass_field(default_factory=list)
    error_lines: int = 0
    skip_reasons: Counter = dataclass_field(default_factory=Counter)
    notes: list[str] = dataclass_field(default_factory=list)

    def reject(self, messages: list[str]):
        self.counts.rejected += 1
        for message in messages:
            self.error_lines += 1
            if len(self.errors) < MAX_REPORTED_ERRORS:
                self.errors.append(message)

    def skip(self, reason: str):
        self.counts.skipped += 1
        self.skip_reasons[reason] += 1

    def note(self, message: str):
        self.notes.append(message)

    def render(self) -> str:
        lines = [f"{self.dataset} {self.file_name}: {self.counts}".strip()]
        for label, counts in self.tables.items():
            lines.append(f"  {label}: {counts}")
        for reason, count in self.skip_reasons.most_common():
            lines.append(f"  skipped {count:,}: {reason}")
        lines.extend(f"  {note}" for note in self.notes)
        if self.errors:
            lines.append(f"Rejected rows ({self.counts.rejected:,}):")
            lines.extend(f"  {message}" for message in self.errors)
            if self.error_lines > len(self.errors):
                lines.append(f"  ... and {self.error_lines - len(self.errors):,} more")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# Writing


class Upsert:
    """Writes records of one model in batches: one ``INSERT ... ON CONFLICT (key) DO UPDATE`` per batch (bulk.py).

    Existing rows in ``scope`` are loaded once (natural key -> values), so telling created / updated / unchanged
    needs no query per row. ``resolve`` may fill foreign keys for a whole batch (one query) before keys are
    computed; it returns the records it keeps. With ``update_only`` records for rows that do not exist are skipped
    and changed rows are written with ``bulk_update``.
    """

    def __init__(
        self,
        importer,
        model,
        key: list[str],
        values: list[str],
        *,
        scope=None,
        label=None,
        counts: Counts | None = None,
        resolve=None,
        update_only=False,
        missing_reason="no matching row to update",
        batch_size=None,
    ):
        self.importer = importer
        self.model = model
        importer.written_models.add(model)
        self.key = key
        self.values = values
        self.label = label or model._meta.verbose_name_plural
        self.counts = counts if counts is not None else Counts()
        self.resolve = resolve
        self.update_only = update_only
        self.missing_reason = missing_reason
        self.batch_size = batch_size or importer.batch_size
        self.pending: list[tuple[int, dict]] = []
        self.seen: dict[tuple, int] = {}
        queryset = model._default_manager.all()
        if scope:
            queryset = queryset.filter(**scope)
        self.existing: dict[tuple, tuple] = {}
        width = len(key)
        # Not .iterator(): a PostgreSQL server-side cursor plans for the first rows and read one year's
        # completions 80 times slower than a plain fetch.
        for row in queryset.values_list(*key, *values, "pk"):
            self.existing[row[:width]] = row[width:]
        self._fields = {f.attname: f for f in model._meta.concrete_fields}

    def add(self, line: int, record: dict):
        self.pending.append((line, record))
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self):
        batch, self.pending = self.pending, []
        if not batch or not self.importer.writing:
            return
        if self.resolve:
            batch = self.resolve(batch)
        to_create, to_update = [], []
        for line, record in batch:
            key_value = tuple(record[k] for k in self.key)
            if key_value in self.seen:
                self.importer.reject_row(
                    line, [self.importer.row_message(line, self.key[-1], f"duplicate of line {self.seen[key_value]}")]
                )
                continue
            self.seen[key_value] = line
            values = tuple(record.get(v) for v in self.values)
            found = self.existing.get(key_value)
            if found is None:
                if self.update_only:
                    self.importer.report.skip(self.missing_reason)
                    continue
                to_create.append(record)
                self.counts.created += 1
            elif found[:-1] == values:
                self.counts.unchanged += 1
            else:
                to_update.append((found[-1], record))
                self.counts.updated += 1
            self.existing[key_value] = (*values, found[-1] if found else None)
        if not self.importer.writing:
            return
        if self.update_only and to_update:
            objs = [self.model(pk=pk, **record) for pk, record in to_update]
            self.model._default_manager.bulk_update(
                objs, [self._field_name(v) for v in self.values], self.importer.batch_size
            )
        elif to_update:
            to_create += [record for _, record in to_update]
        # New and changed rows in one upsert: ON CONFLICT on the natural key updates the ones that exist.
        insert_rows(self.model, to_create, conflict_key=self.key, update=self.values)

    def _field_name(self, attname):
        return self._fields[attname].name


# ---------------------------------------------------------------------------------------------------------------
# The importer


class Importer:
    """Base class for one dataset. Subclasses set the class attributes and ``clean``; most need nothing else."""

    dataset: ClassVar[str]
    title: ClassVar[str]
    loads: ClassVar[str] = ""
    example_file: ClassVar[str] = ""
    file_patterns: ClassVar[tuple[str, ...]] = ()
    columns: ClassVar[tuple[Column, ...]] = ()
    sheet: ClassVar[str | None] = None
    delimiter: ClassVar[str | None] = None
    model: ClassVar[type[models.Model] | None] = None
    key: ClassVar[list[str]] = []
    values: ClassVar[list[str]] = []
    batch_size: ClassVar[int] = 2000
    accepts_directory: ClassVar[bool] = False

    def __init__(self, path: Path, *, name=None, period=None, max_rejects=0, progress=None):
        self.path = Path(path)
        self.name = name or self.path.name
        self.period = period
        self.max_rejects = max_rejects
        self.progress = progress
        self.report = Report(dataset=self.dataset, file_name=self.name)
        self.vintage = ""
        self.writing = True
        # Every model an Upsert writes; run_import refreshes their planner statistics after a successful import.
        self.written_models: set[type[models.Model]] = set()

    # -- hooks ---------------------------------------------------------------------------------------------------

    def resolve_vintage(self):
        """Set ``self.vintage`` (and whatever year/period the dataset needs) from the file name or ``--period``."""

    def before(self):
        """Load lookups (one query each) before the rows are read."""

    def clean(self, record: dict, line: int):
        """Turn parsed columns into a model record; return it, or a ``Skip``; raise ``RowError`` for bad data."""
        return record

    def after(self):
        """Work on the whole dataset once every row is written (e.g. mark missing institutions inactive)."""

    def make_upsert(self) -> Upsert:
        return Upsert(self, self.model, list(self.key), list(self.values), counts=self.report.counts)

    # -- the run ---------------------------------------------------------------------------------------------------

    def run(self):
        self.resolve_vintage()
        self.before()
        self.upsert = self.make_upsert()
        for line, record in self.records(self.open_table()):
            self.upsert.add(line, record)
        self.upsert.flush()
        self.check_rejects()
        if self.writing:
            self.after()

    def open_table(self) -> Table:
        suffix = self.path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            required = [c.name for c in self.columns if c.required and not c.pattern]
            return read_xlsx(self.path, sheet=self.sheet, required_headers=required, name=self.name)
        if suffix == ".xls":
            raise ImportFailed(f"{self.name}: old .xls workbooks are not supported; save it as .xlsx or .csv")
        return read_delimited(self.path, delimiter=self.delimiter, name=self.name)

    def records(self, table: Table, columns=None, clean=None) -> Iterator[tuple[int, dict]]:
        """Parse every data row of ``table``: find the header, map columns, clean, reject or skip.

        ``columns`` and ``clean`` default to the importer's own; datasets made of several files pass their own."""
        columns = columns or self.columns
        clean = clean or self.clean
        self.current_name = table.name
        try:
            header_line, positions = self.find_header(table, columns)
            step = max(1, (table.total or 0) // 200)
            last_reported = 0
            for line, raw in table.rows:
                if self.progress and table.total:
                    done = table.position()
                    if done - last_reported >= step:
                        self.progress(done, table.total)
                        last_reported = done
                if not any(cell_text(v) for v in raw):
                    self.report.skip("blank lines")
                    continue
                result = self.parse_row(line, raw, positions, columns, clean)
                if result is not None:
                    yield line, result
            if self.progress and table.total:
                self.progress(table.total, table.total)
        finally:
            table.close()

    def find_header(self, table: Table, columns):
        """The header is the first row (within the first 15) that names every required column; spreadsheets often
        put a title row above it."""
        required = [c for c in columns if c.required]
        best = None
        for line, raw in table.rows:
            names = [normalize_header(v) for v in raw]
            positions = {}
            for column in columns:
                # Two columns may share a pattern ("Employment, 2024", "Employment, 2034"): each takes the next one.
                taken = set(positions.values())
                index = next((i for i, n in enumerate(names) if n and i not in taken and column.matches(n)), None)
                if index is not None:
                    positions[column] = index
            if all(c in positions for c in required):
                self.header_names = names
                self.bind_header(names, positions)
                return line, positions
            if best is None or len(positions) > len(best[2]):
                best = (line, names, positions)
            if line >= 15:
                break
        if best is None:
            raise ImportFailed(f"{table.name}: the file is empty (no header row)")
        line, names, positions = best
        missing = ", ".join(c.name for c in required if c not in positions)
        raise ImportFailed(
            f"{table.name}:{line}: {missing}: required column missing "
            f"(the header has: {', '.join(n for n in names if n) or 'nothing'})"
        )

    def bind_header(self, names, positions):
        """Hook for importers that read facts (such as years) from the header row."""

    def parse_row(self, line: int, raw: list, positions: dict, columns, clean):
        record, messages = {}, []
        for column in columns:
            index = positions.get(column)
            value = raw[index] if index is not None and index < len(raw) else None
            try:
                parsed = column.parse(value)
            except ValueError as exc:
                messages.append(self.row_message(line, column.name, str(exc)))
                continue
            record[column.field or column.name] = parsed
        if messages:
            self.reject_row(line, messages)
            return None
        try:
            result = clean(record, line)
        except RowError as exc:
            self.reject_row(line, [self.row_message(line, exc.column, exc.reason)])
            return None
        if isinstance(result, Skip):
            self.report.skip(result.reason)
            return None
        return result

    def row_message(self, line, column, reason):
        return f"{getattr(self, 'current_name', self.name)}:{line}: {column}: {reason}"

    def reject_row(self, line, messages):
        self.report.reject(messages)
        if self.report.counts.rejected > self.max_rejects:
            # Everything will be rolled back: stop writing, keep reading to count every bad row.
            self.writing = False

    def check_rejects(self):
        rejected = self.report.counts.rejected
        if rejected > self.max_rejects:
            allowance = f" (--max-rejects {self.max_rejects})" if self.max_rejects else ""
            raise ImportFailed(f"{rejected:,} row(s) rejected{allowance}; nothing was imported")


def year_from_name(name: str, pattern: str) -> int | None:
    match = re.search(pattern, name, re.IGNORECASE)
    return int(match.group(1)) if match else None

"""The importer: what every dataset shares between reading a file and writing its rows.

A dataset module declares its file (``file_patterns``, ``vintage_pattern``, ``sort_key``), its columns
(``Column``), how a row becomes a record (``clean``), where records go (``model``, ``key``, ``values``) and how
current the loaded data is (``freshness``); this class does the rest. Nothing here commits:
``imports.services.run_import`` wraps a run in one transaction and rolls it back on failure or for a dry run, so a
dry run reports exactly what the real run does.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from django.db import models

from .bulk import check_plain_model
from .parsers import Column, cell_text, normalize_header, year_from_name
from .readers import Table, read_delimited, read_xlsx
from .report import ImportFailed, Report, RowError, Skip, columns_missing
from .upsert import Upsert

HEADER_WITHIN_LINES = 15


def _has_nul(raw) -> bool:
    """Whether any cell holds a NUL character: one search of the joined text for a CSV row (all text)."""
    try:
        return "\x00" in "".join(raw)
    except TypeError:  # a spreadsheet row: numbers, dates and None among the text
        return any(isinstance(value, str) and "\x00" in value for value in raw)


class Importer:
    """Base class for one dataset. Subclasses set the class attributes and ``clean``; most need nothing else."""

    dataset: ClassVar[str]
    title: ClassVar[str]
    loads: ClassVar[str] = ""
    example_file: ClassVar[str] = ""
    # Where ``import_data all`` puts the dataset: datasets other datasets depend on come first.
    import_order: ClassVar[int] = 100
    # File names this dataset recognises (``import_data all``, and which member of a zip to import).
    file_patterns: ClassVar[tuple[str, ...]] = ()
    # A regex whose first group is the year a file name carries (hd2024.csv -> 2024), if it carries one.
    vintage_pattern: ClassVar[str | None] = None
    # How current the loaded data is (imports.freshness), for the staff panel.
    freshness: ClassVar[object | None] = None
    columns: ClassVar[tuple[Column, ...]] = ()
    sheet: ClassVar[str | None] = None
    delimiter: ClassVar[str | None] = None
    # Refuse a delimited file whose last row has no line break (readers.read_delimited).
    require_final_line_end: ClassVar[bool] = True
    model: ClassVar[type[models.Model] | None] = None
    key: ClassVar[list[str]] = []
    values: ClassVar[list[str]] = []
    batch_size: ClassVar[int] = 2000
    accepts_directory: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.model is not None:
            check_plain_model(cls.model)  # refused when the importer is defined, not halfway through a file

    def __init__(self, path: Path, *, name=None, period=None, max_rejects=0, progress=None):
        self.path = Path(path)
        self.name = name or self.path.name
        self.period = period
        self.max_rejects = max_rejects
        self.progress = progress
        self.report = Report(dataset=self.dataset, file_name=self.name)
        self.vintage = ""
        self.writing = True
        # Fields of optional columns the file lacks: never written (see Upsert).
        self.absent_fields: frozenset[str] = frozenset()
        # Every model an Upsert writes; run_import refreshes their planner statistics after a successful import.
        self.written_models: set[type[models.Model]] = set()
        self._cells_cache = None

    # -- what the file name says -----------------------------------------------------------------------------------

    @classmethod
    def year_in(cls, name: str) -> int | None:
        return year_from_name(name, cls.vintage_pattern) if cls.vintage_pattern else None

    @classmethod
    def sort_key(cls, name: str) -> tuple:
        """Oldest vintage first, so the newest release is written last and wins."""
        return (cls.year_in(name) or 0, name)

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

    def bind_header(self, names, positions):
        """Hook for importers that read facts (such as years) from the header row."""

    # -- the run ---------------------------------------------------------------------------------------------------

    def run(self):
        self.resolve_vintage()
        # The file is opened and its header checked before anything else, so a damaged file fails first.
        rows = self.records(self.open_table())
        next(rows)  # reads the header
        self.before()
        self.upsert = self.make_upsert()
        for line, record in rows:
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
        return read_delimited(
            self.path, delimiter=self.delimiter, name=self.name, require_final_line_end=self.require_final_line_end
        )

    def records(self, table: Table, columns=None, clean=None) -> Iterator[tuple[int, dict]]:
        """Parse every data row of ``table``: find the header, map columns, clean, reject or skip.

        The first item is ``(header_line, None)``, once the header is read; then ``(line, record)`` per kept row.
        ``columns`` and ``clean`` default to the importer's own; datasets made of several files pass their own."""
        columns = columns or self.columns
        clean = clean or self.clean
        self.current_name = table.name
        try:
            header_line, positions, names = self.find_header(table, columns)
            self.absent_fields = self.absent_fields | {
                name for column in columns if column not in positions for name in column.written_fields
            }
            yield header_line, None
            width = len(names)
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
                if table.fixed_width and len(raw) != width:
                    raise ImportFailed(
                        f"{table.name}:{line}: the row has {len(raw)} fields, the header has {width}; "
                        "the file is damaged or cut short"
                    )
                result = self.parse_row(line, raw, positions, columns, clean, names)
                if result is not None:
                    yield line, result
            if self.progress and table.total:
                self.progress(table.total, table.total)
        finally:
            table.close()

    def read(self, table: Table, columns=None, clean=None) -> Iterator[tuple[int, dict]]:
        """The data rows of ``table`` alone (the header read and checked first)."""
        rows = self.records(table, columns, clean)
        next(rows)
        return rows

    def find_header(self, table: Table, columns):
        """The header is the first row (within the first 15) that names every required column; spreadsheets often
        put a title row above it."""
        required = [c for c in columns if c.required]
        best = damage = None
        rows = self._first_rows(table)
        while True:
            try:
                line, raw = next(rows)
            except StopIteration:
                break
            except ImportFailed as exc:
                # A short file damaged near its end: say what its header lacks first, if it lacks something.
                damage = exc
                break
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
                return line, positions, names
            if best is None or len(positions) > len(best[2]):
                best = (line, names, positions)
        if best is None and damage is not None:
            raise damage
        if best is None:
            raise ImportFailed(f"{table.name}: the file is empty (no header row)")
        line, names, positions = best
        raise columns_missing(table.name, [c.name for c in required if c not in positions])

    @staticmethod
    def _first_rows(table: Table):
        for line, raw in table.rows:
            yield line, raw
            if line >= HEADER_WITHIN_LINES:
                return

    def parse_row(self, line: int, raw: list, positions: dict, columns, clean, names=()):
        record, messages = {}, []
        if _has_nul(raw):
            for index, value in enumerate(raw):
                if isinstance(value, str) and "\x00" in value:
                    column = names[index] if index < len(names) and names[index] else f"field {index + 1}"
                    messages.append(self.row_message(line, column, "contains a NUL byte"))
            self.reject_row(line, messages)
            return None
        width = len(raw)
        for field, name, parse, index in self._cells(positions, columns):
            value = raw[index] if index is not None and index < width else None
            try:
                parsed = parse(value)
            except ValueError as exc:
                messages.append(self.row_message(line, name, str(exc)))
                continue
            record[field] = parsed
        if messages:
            self.reject_row(line, messages)
            return None
        try:
            result = clean(record, line)
        except RowError as exc:
            self.reject_row(line, [self.row_message(line, exc.column, exc.reason)])
            return None
        if isinstance(result, Skip):
            self.report.skip(result.reason, result.key)
            return None
        return result

    def _cells(self, positions: dict, columns) -> list:
        """(field, column name, parser, position) per column, worked out once per file rather than per cell: looking
        a ``Column`` up in ``positions`` hashes the whole dataclass, which was a tenth of the all-CIP completions
        file's parsing (cProfile: 2 million hashes)."""
        cached = self._cells_cache
        if cached is None or cached[0] is not positions or cached[1] is not columns:
            cells = [(c.field or c.name, c.name, c.parse, positions.get(c)) for c in columns]
            cached = self._cells_cache = (positions, columns, cells)
        return cached[2]

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

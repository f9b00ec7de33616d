"""Reading files as streams of rows: delimited text (CSV, tab, pipe) in UTF-8 or Windows-1252, and xlsx workbooks.

A damaged file is refused before anything is written, with ``file: reason`` or ``file:line: reason``: UTF-16 or
binary data, a file that ends in the middle of a row or inside a quoted field, a field or a cell longer than
``IMPORT_MAX_CELL_CHARS``, a workbook part that unpacks to more than its limit. The limits keep an import within
the memory the README promises: openpyxl holds a workbook's shared strings and each cell's text in memory, so a
workbook is checked part by part (size declared, then size counted while streaming, then the longest text run)
before openpyxl reads it.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

from django.conf import settings

from .parsers import normalize_header
from .report import ImportFailed

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control bytes other than tab, line feed, form feed and carriage return: a text file has (almost) none.
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32)])
SNIFF_BYTES = 1024


def megabytes(size: int) -> str:
    return f"{size / 1024**2:,.0f} MB" if size >= 1024**2 else f"{size:,} bytes"


def check_text(path: Path, display: str):
    """Refuse UTF-16 (with or without a byte-order mark) and binary files from their first kilobyte.

    UTF-16 text of ASCII characters is half NUL bytes; random or binary data has about one byte in nine below 32.
    One NUL in a field is neither: it is reported on its own line (``file:line: column: contains a NUL byte``)."""
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if head.startswith(UTF16_BOMS) or (head and head.count(0) * 4 >= len(head)):
        raise ImportFailed(f"{display}: looks like UTF-16 text; save it as UTF-8 or Latin-1")
    if head and sum(head.count(byte) for byte in _CONTROL_BYTES) * 20 > len(head):
        raise ImportFailed(f"{display}: is not a text file (it holds binary data); give the CSV or text file itself")


def detect_encoding(path: Path) -> str:
    """UTF-8 with or without a byte-order mark, otherwise Windows-1252 (older IPEDS files).

    The UTF-8 check decodes the whole file incrementally (a 7 MB file takes milliseconds and no memory) because a
    Windows-1252 file may show its first non-ASCII byte on the last line.
    """
    with open(path, "rb") as fh:
        if fh.read(3).startswith(UTF8_BOM):
            return "utf-8-sig"
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
    """Counts the bytes read (for progress) and the double quotes (a file cut inside a quoted field has an odd
    number of them; every official CSV has an even number), and keeps the last byte."""

    def __init__(self, raw):
        self._raw = raw
        self.bytes_read = 0
        self.quotes = 0
        self.last_byte = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        n = self._raw.readinto(buffer)
        if n:
            self.bytes_read += n
            view = bytes(buffer[:n])
            self.quotes += view.count(b'"')
            self.last_byte = view[-1:]
        return n

    def close(self):
        self._raw.close()
        super().close()


@dataclass
class Table:
    """A stream of rows with their line numbers (1-based, as a text editor or Excel shows them).

    ``fixed_width``: every row after the header must have the header's number of fields (delimited text; a
    spreadsheet's rows are cells, padded by openpyxl)."""

    name: str
    rows: Iterator[tuple[int, list]]
    total: int | None
    position: Callable[[], int]
    encoding: str | None = None
    fixed_width: bool = False
    closers: list = dataclass_field(default_factory=list)

    def close(self):
        for close in self.closers:
            close()


def read_delimited(path: Path, *, delimiter=None, name=None, require_final_line_end=True) -> Table:
    """``require_final_line_end``: a file whose last row has no line break is refused as cut short (a cut inside
    the last row's last field leaves the right number of fields, so nothing else would show it)."""
    display = name or path.name
    check_text(path, display)
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
    limit = settings.IMPORT_MAX_CELL_CHARS
    csv.field_size_limit(limit)
    reader = csv.reader(stream, delimiter=delimiter, quoting=quoting)
    readable_as = "UTF-8" if encoding.startswith("utf-8") else "UTF-8 or Windows-1252 (Latin-1)"

    def rows():
        previous_end = start = 0
        try:
            for values in reader:
                start = previous_end + 1
                previous_end = reader.line_num
                yield start, values
        except UnicodeDecodeError:
            raise ImportFailed(
                f"{display}:{_line_of_undecodable_byte(path, encoding)}: is not readable as {readable_as} text; "
                "save it as UTF-8"
            ) from None
        except csv.Error as exc:
            if "field limit" in str(exc):
                raise ImportFailed(
                    f"{display}:{previous_end + 1}: a field is longer than {limit:,} characters (IMPORT_MAX_CELL_CHARS)"
                ) from None
            raise ImportFailed(f"{display}:{reader.line_num}: malformed CSV: {exc}") from exc
        if quoting == csv.QUOTE_MINIMAL and counting.quotes % 2:
            raise ImportFailed(f"{display}:{start}: a quoted field is never closed; the file looks cut short")
        if require_final_line_end and counting.last_byte and counting.last_byte not in b"\r\n":
            raise ImportFailed(f"{display}:{start}: the file ends in the middle of this row; it looks cut short")

    return Table(
        name=display,
        rows=rows(),
        total=path.stat().st_size,
        position=lambda: counting.bytes_read,
        encoding=encoding,
        fixed_width=True,
        closers=[stream.close],
    )


def _line_of_undecodable_byte(path: Path, encoding: str) -> int:
    """The line of the first byte ``encoding`` cannot decode (the text layer decodes 64 KB at a time, so its
    position says only which block)."""
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError:
                return number
    return 1


def check_workbook(path: Path, display: str):
    """Refuse a workbook whose parts would take more memory than the limits allow, before openpyxl opens it."""
    member_limit = settings.IMPORT_MAX_MEMBER_BYTES
    strings_limit = settings.IMPORT_MAX_XLSX_SHARED_STRINGS_BYTES
    cell_limit = settings.IMPORT_MAX_CELL_CHARS
    try:
        with zipfile.ZipFile(path) as workbook:
            for member in workbook.infolist():
                is_strings = member.filename.lower().endswith("sharedstrings.xml")
                limit, setting = (
                    (strings_limit, "IMPORT_MAX_XLSX_SHARED_STRINGS_BYTES")
                    if is_strings
                    else (member_limit, "IMPORT_MAX_MEMBER_BYTES")
                )
                too_big = (
                    f"{display}: {member.filename} unpacks to more than {megabytes(limit)} ({setting}); "
                    "nothing was read"
                )
                if member.file_size > limit:
                    raise ImportFailed(too_big)
                if not member.filename.lower().endswith(".xml"):
                    continue
                longest = _stream_longest_text(workbook, member, limit, too_big, cell_limit)
                if longest > cell_limit:
                    raise ImportFailed(
                        f"{display}: {member.filename} holds a cell longer than {cell_limit:,} characters "
                        "(IMPORT_MAX_CELL_CHARS)"
                    )
    except zipfile.BadZipFile as exc:
        raise ImportFailed(f"{display}: not a readable .xlsx workbook ({exc})") from None


def _stream_longest_text(workbook, member, limit, too_big, cell_limit) -> int:
    """The longest run of bytes between two tags of an XML part (a cell's text is one such run), up to just over
    ``cell_limit``. Only the run's length is kept between chunks, so memory stays at one chunk; the bytes are counted
    while streaming, so a part whose header understates its size is stopped at the limit."""
    read = longest = run = 0
    with workbook.open(member) as stream:
        while chunk := stream.read(1 << 20):
            read += len(chunk)
            if read > limit:
                raise ImportFailed(too_big)
            first = chunk.find(b"<")
            if first < 0:
                run += len(chunk)
            else:
                last = chunk.rfind(b"<")
                longest = max(longest, run + first, *map(len, chunk[first + 1 : last].split(b"<")))
                run = len(chunk) - last - 1
            longest = max(longest, run)
            if longest > cell_limit:
                break
    return longest


def read_xlsx(path: Path, *, sheet=None, required_headers=(), name=None) -> Table:
    """Stream one worksheet. ``sheet`` is a regex on the sheet name; without a match, the first sheet whose first
    rows hold every required header is used."""
    import openpyxl

    display = name or path.name
    check_workbook(path, display)
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

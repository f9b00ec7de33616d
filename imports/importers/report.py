"""What a run tells its reader: the failures (``ImportFailed``, ``RowError``, ``Skip``), the counts, and the report
text saved on the ``ImportRun``. Every message goes through ``printable``: PostgreSQL refuses a NUL character in
text, and a damaged file must not be able to break the record of its own import."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from dataclasses import field as dataclass_field

MAX_REPORTED_ERRORS = 20
MAX_NAMED_KEYS = 20
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(value) -> str:
    """``value`` as text with NUL and other control characters shown as ``\\x00``-style escapes."""
    return _UNPRINTABLE.sub(lambda match: f"\\x{ord(match.group()):02x}", str(value))


def named(keys, *, limit=MAX_NAMED_KEYS) -> str:
    """The first ``limit`` keys, then how many more: ``100001, 100002 and 3 more``."""
    keys = sorted(keys)
    shown = ", ".join(printable(key) for key in keys[:limit])
    return f"{shown} and {len(keys) - limit:,} more" if len(keys) > limit else shown


class ImportFailed(Exception):
    """A run that cannot go on (unreadable file, missing column, too many bad rows). Nothing is written."""

    def __str__(self):
        return printable(super().__str__())


def columns_missing(file_name, missing) -> ImportFailed:
    """The one line that refuses a file lacking required columns: ``hd2024.csv: column LATITUDE is missing``."""
    noun, verb = ("column", "is") if len(missing) == 1 else ("columns", "are")
    return ImportFailed(f"{file_name}: {noun} {', '.join(missing)} {verb} missing")


class RowError(Exception):
    """One bad cell: the row is rejected with ``file:line: column: reason``."""

    def __init__(self, column, reason):
        super().__init__(f"{column}: {reason}")
        self.column = column
        self.reason = reason


@dataclass(frozen=True)
class Skip:
    """A row the publisher marks as not data (roll-up, footnote, blank) or one we do not keep; counted, not an error.

    ``key`` names the row when the reason is worth following up (an unknown UNITID): the report lists them."""

    reason: str
    key: str | None = None


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
    skipped_keys: dict[str, set] = dataclass_field(default_factory=lambda: defaultdict(set))
    notes: list[str] = dataclass_field(default_factory=list)

    def reject(self, messages: list[str]):
        self.counts.rejected += 1
        for message in messages:
            self.error_lines += 1
            if len(self.errors) < MAX_REPORTED_ERRORS:
                self.errors.append(message)

    def skip(self, reason: str, key=None):
        self.counts.skipped += 1
        self.skip_reasons[reason] += 1
        if key is not None:
            self.skipped_keys[reason].add(key)

    def note(self, message: str):
        self.notes.append(message)

    def render(self) -> str:
        lines = [f"{self.dataset} {self.file_name}: {self.counts}".strip()]
        for label, counts in self.tables.items():
            lines.append(f"  {label}: {counts}")
        for reason, count in self.skip_reasons.most_common():
            keys = self.skipped_keys.get(reason)
            lines.append(f"  skipped {count:,}: {reason}" + (f" ({named(keys)})" if keys else ""))
        lines.extend(f"  {note}" for note in self.notes)
        if self.errors:
            lines.append(f"Rejected rows ({self.counts.rejected:,}):")
            lines.extend(f"  {message}" for message in self.errors)
            if self.error_lines > len(self.errors):
                lines.append(f"  ... and {self.error_lines - len(self.errors):,} more")
        return printable("\n".join(lines))

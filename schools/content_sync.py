"""Loads the shipped content (content/: guides, certifications, their sources, certifying bodies and the starting
BLS figures) into the database without overwriting what staff changed.

The one rule: a field changes only where the database still holds the value last shipped for it (ShippedContent).
A field whose value differs from what was shipped was edited here: it is kept and listed in the report. A row never
shipped before is added; a row shipped before and since deleted here stays deleted. Every row added or changed gets
a history version (where the model keeps history) with the reason below.

A database built by the old content migrations has no ShippedContent yet. Those migrations shipped exactly what
content/ held when this loader replaced them, so the first sync takes the files as the last shipped values: it
changes nothing, records them, and lists as kept whatever staff had edited.

A check (``check=True``) runs the same sync in a transaction it rolls back, so it reports exactly what a sync would
do and writes nothing.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from careers.models import Career

from .content_files import NATURAL_KEYS, SYNC_TIME, ContentRow, Ref, read_content
from .models import ShippedContent

REASON_ADDED = "sync_content: shipped content added"
REASON_UPDATED = "sync_content: shipped content updated"
_MISSING = object()


class _Unresolved(LookupError):
    """A row the files point to is not in the database (staff deleted it, or it was never shipped)."""


@dataclass
class SyncReport:
    """What a sync did (or, for a check, would do). Kept edits alone leave nothing to do."""

    check: bool
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    recorded: int = 0  # shipped values recorded for the first time (a database the old migrations built)

    @property
    def has_changes(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        would = "would be " if self.check else ""
        lines = [f"{would}added: {label}" for label in self.created]
        lines += [f"{would}updated: {label}" for label in self.updated]
        kept = "kept (changed here since it was shipped, so the shipped value is not applied)"
        lines += [f"{kept}: {label}" for label in self.kept]
        if not self.has_changes:
            besides = ", apart from the kept edits above" if self.kept else ""
            lines.append(f"nothing to do: the database holds the shipped content{besides}")
        return lines


@contextmanager
def _history(obj, *, user, reason, when):
    """Saves inside the block write a history version with this user, reason and date (django-simple-history)."""
    obj._history_user = user
    obj._change_reason = reason
    obj._history_date = when
    try:
        yield
    finally:
        for attribute in ("_history_user", "_change_reason", "_history_date"):
            obj.__dict__.pop(attribute, None)


def _plain(model_field, value):
    """A value as the shipped-values table stores it and as both sides are compared: JSON types only."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:.{model_field.decimal_places}f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class _Sync:
    def __init__(self, *, check, user, now):
        self.report = SyncReport(check=check)
        self.user = user
        self.now = now
        self.refs = {}
        self.shipped = {}
        for row in ShippedContent.objects.values("model", "key", "field", "value"):
            self.shipped.setdefault((row["model"], row["key"]), {})[row["field"]] = row["value"]
        self.to_record = {}
        self.created_guides = set()
        self.changed_guides = {}
        self.had_rows = {}

    def resolve(self, value):
        if not isinstance(value, Ref):
            return value
        if value not in self.refs:
            found = value.model.objects.filter(**{NATURAL_KEYS[value.model]: value.value}).first()
            if found is None:
                raise _Unresolved(f"{value.model._meta.label_lower} {value.value}")
            self.refs[value] = found
        return self.refs[value]

    def file_value(self, model, name, value):
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            return sorted(ref.value for ref in value)
        if model_field.is_relation:
            return None if value is None else value.value
        return _plain(model_field, model_field.to_python(value))

    def database_value(self, obj, name):
        model_field = obj._meta.get_field(name)
        if model_field.many_to_many:
            return sorted(getattr(obj, name).values_list(NATURAL_KEYS[model_field.related_model], flat=True))
        if model_field.is_relation:
            related = getattr(obj, name)
            return None if related is None else getattr(related, NATURAL_KEYS[model_field.related_model])
        return _plain(model_field, getattr(obj, model_field.attname))

    def assign(self, obj, name, value):
        model_field = obj._meta.get_field(name)
        if model_field.is_relation:
            setattr(obj, name, None if value is None else self.resolve(value))
        else:
            setattr(obj, model_field.attname, model_field.to_python(value))

    def existing(self, model, lookup):
        # A table that was empty when the sync began holds only rows this sync adds, each under its own key: on a
        # new database that saves one query per row (165 of the 530 a first sync makes).
        if model not in self.had_rows:
            self.had_rows[model] = model.objects.exists()
        return model.objects.filter(**lookup).first() if self.had_rows[model] else None

    def record(self, row, name, value):
        self.to_record[(row.model._meta.label_lower, row.key, name)] = value

    def save(self, obj, row, *, reason, m2m=()):
        # Every version a sync writes carries the sync's moment, which is also a new guide's publication date: the
        # version published then (careers.versions) is the guide with all its parts.
        with _history(obj, user=self.user, reason=reason, when=self.now):
            if m2m:
                # Many-to-many links need the row saved first, and simple-history versions the row and then each
                # change of links, all at this one moment. Write them without versions, then one version of the whole.
                obj.skip_history_when_saving = True
                try:
                    obj.save()
                    for name in m2m:
                        getattr(obj, name).set([self.resolve(ref) for ref in row.fields[name]])
                finally:
                    del obj.skip_history_when_saving
            obj.save()

    def sync(self, row: ContentRow):
        try:
            self._sync(row)
        except _Unresolved as missing:
            # E.g. a guide staff deleted, which other guides' related careers point to: those parts stay as they are.
            self.report.kept.append(f"{row.label} (it points to {missing}, which is not here)")

    def _sync(self, row: ContentRow):
        shipped = self.shipped.get((row.model._meta.label_lower, row.key), {})
        lookup = {name: self.resolve(value) for name, value in row.lookup.items()}
        obj = self.existing(row.model, lookup)
        wanted = {name: self.file_value(row.model, name, value) for name, value in row.fields.items()}
        if obj is None:
            if shipped:
                self.report.kept.append(f"{row.label} (deleted here, so it is not added again)")
            else:
                self.create(row, lookup, wanted)
            return
        changed = []
        for name, new in wanted.items():
            current = self.database_value(obj, name)
            before = shipped.get(name, _MISSING)
            if before is _MISSING:
                # Never recorded: the old migrations shipped what the files hold now.
                before = new
                self.record(row, name, new)
                self.report.recorded += 1
            if current == new:
                if before != new:
                    self.record(row, name, new)
            elif current == before:
                changed.append(name)
                self.record(row, name, new)
            else:
                self.report.kept.append(f"{row.label}: {name}")
        if not changed:
            return
        self.report.updated += [f"{row.label}: {name}" for name in changed]
        m2m = [name for name in changed if row.model._meta.get_field(name).many_to_many]
        for name in changed:
            if name not in m2m:
                self.assign(obj, name, row.fields[name])
        if row.model is Career:
            # Saved once, after its parts, so the guide's version covers them (careers.versions).
            self.changed_guides[row.key] = obj
        else:
            self.save(obj, row, reason=REASON_UPDATED, m2m=m2m)
            self.guide_changed(row)

    def create(self, row, lookup, wanted):
        obj = row.model(**lookup)
        for name, value in row.on_create.items():
            setattr(obj, name, self.now if value is SYNC_TIME else value)
        m2m = [name for name in row.fields if row.model._meta.get_field(name).many_to_many]
        for name, value in row.fields.items():
            if name not in m2m:
                self.assign(obj, name, value)
        self.save(obj, row, reason=REASON_ADDED, m2m=m2m)
        for name, value in wanted.items():
            self.record(row, name, value)
        self.report.created.append(row.label)
        if row.model is Career:
            self.created_guides.add(row.key)
        self.guide_changed(row)

    def guide_changed(self, row):
        if row.guide and row.guide not in self.created_guides:
            self.changed_guides.setdefault(row.guide, None)

    def finish(self):
        for slug, career in self.changed_guides.items():
            career = career or Career.objects.get(slug=slug)
            # A published guide without unpublished edits shows the shipped change at once; one with edits waiting
            # keeps showing its published version until staff publish (careers.services.publish).
            if career.is_published and not career.has_unpublished_changes:
                career.published_at = self.now
            career.content_changed_at = self.now
            with _history(career, user=self.user, reason=REASON_UPDATED, when=self.now):
                career.save()
        ShippedContent.objects.bulk_create(
            [
                ShippedContent(model=model, key=key, field=name, value=value, shipped_at=self.now)
                for (model, key, name), value in self.to_record.items()
            ],
            update_conflicts=True,
            unique_fields=["model", "key", "field"],
            update_fields=["value", "shipped_at"],
        )


def sync_content(*, check: bool, user=None, content_dir: Path | None = None) -> SyncReport:
    """Bring the database up to the shipped content in ``content_dir`` (settings.CONTENT_DIR) under the one rule
    above. With ``check``, write nothing and report what a sync would do. Raises ContentError for a bad file."""
    rows = read_content(content_dir or settings.CONTENT_DIR)
    with transaction.atomic():
        run = _Sync(check=check, user=user, now=timezone.now())
        for row in rows:
            run.sync(row)
        run.finish()
        if check:
            transaction.set_rollback(True)
    return run.report

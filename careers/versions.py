"""Reads of a guide's history (django-simple-history): its versions, the guide as it was at any moment (what the
public sees while edits wait to be published), and the differences between two versions.

A *version* of a guide is one row of its Career history. The admin saves the guide's own row after its sections
(steps, sources ...), so the version's date comes after every section change of the same save, and the guide at
that moment is the Career row of the version plus each section's rows as they stood then.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, prefetch_related_objects

from core.diff import FieldChange, field_change

from .models import Career, CareerCertification, CareerOccupation, CareerStep, RelatedCareer, Source, Specialization

# The guide's own text: what a version restores and what the public sees of a published version. Workflow fields
# (status, publication, review) and the address (slug) always stay as they are now.
CONTENT_FIELDS = [
    "title",
    "short_name",
    "summary",
    "what_they_do",
    "where_they_work",
    "how_to_begin_intro",
    "post_education_intro",
    "certification_renewal_note",
    "specializations_intro",
    "job_outlook_narrative",
    "pay_narrative",
    "related_careers_intro",
    "sources_intro",
]
# The fields shown as the guide's list of versions and in a comparison, in page order.
FIELD_LABELS = {name: Career._meta.get_field(name).verbose_name.capitalize() for name in CONTENT_FIELDS}


def _occupation_line(row):
    return f"{row.occupation.soc_code} {row.occupation.title}" + (" (primary)" if row.is_primary else "")


def _step_line(row):
    return row.text


def _certification_line(row):
    line = f"{row.certification.acronym}: {row.certification.name}"
    return f"{line}. {row.note}" if row.note else line


def _specialization_line(row):
    parts = [f"{row.name}: {row.description}"]
    if row.related_career_id:
        parts.append(f"guide: {row.related_career}")
    if row.certification_id:
        parts.append(f"credential: {row.certification.acronym}")
    return " | ".join(parts)


def _related_line(row):
    line = f"{row.title}: {row.description}"
    return f"{line} | guide: {row.target}" if row.target_id else line


def _source_line(row):
    return f"[{row.get_kind_display()}] {row.title} ({row.organization}) {row.url}"


@dataclass(frozen=True)
class Section:
    """One repeating part of a guide, kept in its own table and edited inline."""

    related_name: str  # Career's reverse accessor, also the prefetch cache key the page reads
    label: str
    model: Any
    describe: Any  # row -> one line of text, for comparing versions
    related: tuple = ()  # foreign keys to load with the rows


SECTIONS = [
    Section("career_occupations", "SOC occupations", CareerOccupation, _occupation_line, ("occupation",)),
    Section("steps", "How to get started: steps", CareerStep, _step_line),
    Section("career_certifications", "Certifications", CareerCertification, _certification_line, ("certification",)),
    Section(
        "specializations", "Specializations", Specialization, _specialization_line, ("related_career", "certification")
    ),
    Section("related_careers", "Related careers", RelatedCareer, _related_line, ("target",)),
    Section("sources", "Sources and associations", Source, _source_line),
]
# What the guide page needs loaded with each section (as careers.selectors.career_for_page loads it).
PAGE_RELATED = {"career_certifications": ("certification__body",)}


def section_rows_at(career_id, section, when):
    """The section's rows as they stood at ``when`` (unsaved model instances), in page order."""
    rows = list(
        section.model.history.filter(career_id=career_id, history_date__lte=when).latest_of_each().as_instances()
    )
    related = PAGE_RELATED.get(section.related_name, section.related)
    if rows and related:
        prefetch_related_objects(rows, *related)
    if section.related_name == "career_occupations":
        rows.sort(key=lambda row: (not row.is_primary, row.occupation.soc_code))
    else:
        rows.sort(key=lambda row: (row.order, row.pk))
    return rows


def guide_at(career, when):
    """A copy of ``career`` with its text and sections as they stood at ``when``; None if it did not exist then.

    The copy keeps today's status, publication, review and address. Its sections sit in the prefetch cache, so
    careers.selectors.career_page and the page template read them like a freshly loaded guide.
    """
    record = career.history.filter(history_date__lte=when).order_by("-history_date", "-history_id").first()
    if record is None or record.history_type == "-":
        return None
    copy = Career.objects.model(**{f.attname: getattr(career, f.attname) for f in Career._meta.concrete_fields})
    copy._state.adding = False
    copy._state.fields_cache = dict(career._state.fields_cache)
    for name in CONTENT_FIELDS:
        setattr(copy, name, getattr(record, name))
    copy._prefetched_objects_cache = {
        section.related_name: section_rows_at(career.pk, section, when) for section in SECTIONS
    }
    copy.version_date = record.history_date
    return copy


def published_version(career):
    """What the public sees of a published guide: the guide as it stood when it was last published."""
    if not career.is_published or career.published_at is None:
        return None
    return guide_at(career, career.published_at)


def apply_published_text(careers):
    """For guide lists: give each published guide with unpublished edits its published title and summary.

    One query, only when some guide in the list has unpublished edits. ``careers`` is a list of Career rows that
    loaded status, published_at and content_changed_at.
    """
    pending = [career for career in careers if career.has_unpublished_changes]
    if not pending:
        return careers
    condition = Q()
    for career in pending:
        condition |= Q(id=career.pk, history_date__lte=career.published_at)
    records = Career.history.filter(condition).order_by("id", "-history_date", "-history_id")
    newest = {}
    for record in records.only("id", "history_date", "history_id", "title", "short_name", "summary"):
        newest.setdefault(record.id, record)
    for career in pending:
        record = newest.get(career.pk)
        if record is not None:
            career.title, career.short_name, career.summary = record.title, record.short_name, record.summary
    return careers


# ---------------------------------------------------------------------------------------------------------------
# Comparing two versions


@dataclass
class SectionChange:
    label: str
    removed: list[str]
    added: list[str]
    unchanged: int


@dataclass
class Comparison:
    old: Any  # the older Career version (a history row)
    new: Any
    fields: list[FieldChange]
    sections: list[SectionChange]

    @property
    def has_changes(self):
        return bool(self.fields or self.sections)


def compare_versions(career, old_record, new_record, *, chronological=True) -> Comparison:
    """What changed in the guide from ``old_record`` to ``new_record`` (two of its Career history rows).

    ``chronological`` puts the older first whatever the order given; a restore page turns it off to show the
    change from the current version back to the chosen one.
    """
    if chronological and old_record.history_date > new_record.history_date:
        old_record, new_record = new_record, old_record
    # simple-history's diff_against finds the changed fields; they are listed in page order, and a blank that
    # became an empty text (or back) is no change to a reader.
    changed = set(new_record.diff_against(old_record, included_fields=CONTENT_FIELDS).changed_fields)
    fields = []
    for name in CONTENT_FIELDS:
        old, new = getattr(old_record, name) or "", getattr(new_record, name) or ""
        if name in changed and old != new:
            fields.append(field_change(FIELD_LABELS[name], old, new))
    sections = []
    for section in SECTIONS:
        before = [section.describe(row) for row in section_rows_at(career.pk, section, old_record.history_date)]
        after = [section.describe(row) for row in section_rows_at(career.pk, section, new_record.history_date)]
        if before == after:
            continue
        removed = [line for line in before if line not in after]
        added = [line for line in after if line not in before]
        if not removed and not added:
            # Same lines in a new order.
            removed, added = before, after
        sections.append(SectionChange(section.label, removed, added, unchanged=len(before) - len(removed)))
    return Comparison(old_record, new_record, fields, sections)

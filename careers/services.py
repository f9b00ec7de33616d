"""Writes for career guides that staff trigger from the admin: the review workflow, recording edits, restoring a
version.

Workflow: a guide is a draft, in review, or published. Staff edit any guide at any time; while a published guide
has edits that are not published yet, the public keeps seeing the version published last (careers.versions) and
staff see the edits with a preview banner. Publishing makes the current text public and records who and when.

Every save of a guide writes a history version (django-simple-history) carrying who and why; the workflow steps
below name themselves as the reason.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from core.history import delete_with_history, save_with_history

from . import versions
from .models import Career

WORKFLOW_FIELDS = ["status", "published_at", "published_by", "last_reviewed_at", "last_reviewed_by", "updated_at"]


class WorkflowError(Exception):
    """A workflow step that does not apply to a guide in its current state."""


def _save(career, *, user, reason, fields, when=None):
    save_with_history(career, user=user, reason=reason, when=when, update_fields=fields)


@transaction.atomic
def submit_for_review(career, *, user):
    """A draft is ready for someone to check it."""
    if career.status != Career.Status.DRAFT:
        raise WorkflowError(f"{career} is {career.get_status_display().lower()}, not a draft")
    career.status = Career.Status.IN_REVIEW
    _save(career, user=user, reason="Submitted for review", fields=["status", "updated_at"])


@transaction.atomic
def publish(career, *, user):
    """Make the guide's current text public (or its unpublished edits, for a published guide).

    The version saved here is dated exactly at ``published_at``: the public version of the guide is the guide as it
    stood then (careers.versions.published_version).
    """
    if career.is_published and not career.has_unpublished_changes:
        raise WorkflowError(f"{career} is published and has no unpublished changes")
    reason = "Published changes" if career.is_published else "Published"
    now = timezone.now()
    career.status = Career.Status.PUBLISHED
    career.published_at = now
    career.published_by = user
    _save(career, user=user, reason=reason, fields=["status", "published_at", "published_by", "updated_at"], when=now)


@transaction.atomic
def move_to_draft(career, *, user):
    """Take a published guide off the public site, or send a guide in review back to its author."""
    if career.status == Career.Status.DRAFT:
        raise WorkflowError(f"{career} is already a draft")
    reason = "Unpublished" if career.is_published else "Returned to draft"
    career.status = Career.Status.DRAFT
    _save(career, user=user, reason=reason, fields=["status", "updated_at"])


@transaction.atomic
def mark_reviewed(career, *, user):
    """Record that someone checked the guide against its sources today."""
    career.last_reviewed_at = timezone.now()
    career.last_reviewed_by = user
    _save(career, user=user, reason="Marked as reviewed", fields=["last_reviewed_at", "last_reviewed_by", "updated_at"])


def apply_to_each(step, careers, *, user):
    """Run a workflow step on each guide; return (done, [(guide, why it was skipped), ...])."""
    done, skipped = 0, []
    for career in careers:
        try:
            step(career, user=user)
        except WorkflowError as error:
            skipped.append((career, str(error)))
        else:
            done += 1
    return done, skipped


def record_guide_edit(career, *, user, reason):
    """After staff saved changes to a guide or its sections: write the guide's new version.

    Called once the sections are saved, so the version's date follows every change it covers.
    """
    career.content_changed_at = timezone.now()
    save_with_history(career, user=user, reason=reason)


@dataclass
class RestoreResult:
    career: Career
    version_date: object
    changed_sections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _fields_differ(model, a, b):
    return any(getattr(a, f.attname) != getattr(b, f.attname) for f in model._meta.concrete_fields)


def _drop_missing_references(model, rows, notes, label):
    """Rows of an old version may point at things deleted since: clear optional links, leave out the rest."""
    kept = []
    for row in rows:
        keep = True
        for model_field in model._meta.concrete_fields:
            if not model_field.is_relation or model_field.name == "career":
                continue
            target_id = getattr(row, model_field.attname)
            if target_id is None or model_field.related_model._default_manager.filter(pk=target_id).exists():
                continue
            if model_field.null:
                setattr(row, model_field.attname, None)
                notes.append(
                    f"{label}: a link to a {model_field.related_model._meta.verbose_name} deleted since was left out"
                )
            else:
                keep = False
                notes.append(f"{label}: one entry was not restored (its {model_field.verbose_name} was deleted since)")
        if keep:
            kept.append(row)
    return kept


@transaction.atomic
def restore_version(career, record, *, user):
    """Make the guide's text and sections what they were in ``record`` (one of its versions).

    Sections come back exactly: rows added since are removed, rows removed since come back with their old
    primary key, changed rows get their old values; unchanged rows are not touched. Status, publication, review
    and address stay as they are, so restoring a published guide gives it unpublished changes to publish.
    """
    career = Career.objects.select_for_update().get(pk=career.pk)
    version = versions.guide_at(career, record.history_date)
    if version is None:
        raise WorkflowError("that version is of a guide that did not exist yet")
    result = RestoreResult(career=career, version_date=record.history_date)
    stamp = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M")
    reason = f"Restored the version of {stamp}"
    for section in versions.SECTIONS:
        wanted = {row.pk: row for row in version._prefetched_objects_cache[section.related_name]}
        current = {row.pk: row for row in section.model.objects.filter(career=career)}
        to_remove = [
            row for pk, row in current.items() if pk not in wanted or _fields_differ(section.model, row, wanted[pk])
        ]
        to_add = [
            row for pk, row in wanted.items() if pk not in current or _fields_differ(section.model, current[pk], row)
        ]
        if not to_remove and not to_add:
            continue
        result.changed_sections.append(section.label)
        # Remove first, then add: every row added was part of a valid version, so no constraint is ever broken.
        for row in to_remove:
            delete_with_history(row, user=user, reason=reason)
        for row in _drop_missing_references(section.model, to_add, result.notes, section.label):
            row._state.adding = True
            save_with_history(row, user=user, reason=reason, force_insert=True)
    for name in versions.CONTENT_FIELDS:
        setattr(career, name, getattr(version, name))
    record_guide_edit(career, user=user, reason=reason)
    return result


def discard_unpublished_changes(career, *, user):
    """Bring a published guide back to its published version (its unpublished edits stay in the history)."""
    if not career.has_unpublished_changes:
        raise WorkflowError(f"{career} has no unpublished changes")
    record = career.history.filter(history_date__lte=career.published_at).order_by("-history_date", "-history_id")
    result = restore_version(career, record.first(), user=user)
    # The guide now matches what the public sees: nothing is waiting to be published.
    Career.objects.filter(pk=career.pk).update(content_changed_at=career.published_at)
    career.content_changed_at = career.published_at
    return result

"""Version history for the editorial models (django-simple-history): saving with who and why, describing a change,
comparing two versions of one object, restoring one. Guides have their own whole-guide versions in careers.versions /
careers.services, built on the same helpers; this module serves every versioned model.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .diff import FieldChange, field_change

# What django-simple-history reads from an instance when it writes the version of a save or delete.
_ATTRIBUTION = ("_history_user", "_change_reason", "_history_date")


def _attributed(obj, action, *, user, reason, when=None):
    obj._history_user = user
    obj._change_reason = reason
    if when is not None:
        obj._history_date = when
    try:
        return action()
    finally:
        # Never left on the instance: a later save elsewhere must not be credited to this user and reason.
        for attribute in _ATTRIBUTION:
            obj.__dict__.pop(attribute, None)


def save_with_history(obj, *, user, reason, when=None, **save_kwargs):
    """Save ``obj`` so that the version it writes names ``user`` and ``reason`` (and is dated ``when``, if given).

    The one place that sets simple-history's per-instance attribution; ``save_kwargs`` go to ``save()``.
    """
    return _attributed(obj, lambda: obj.save(**save_kwargs), user=user, reason=reason, when=when)


def delete_with_history(obj, *, user, reason):
    """Delete ``obj``; the version recording the deletion names ``user`` and ``reason``."""
    return _attributed(obj, obj.delete, user=user, reason=reason)


def describe_changes(form, formsets, *, add):
    """A one-line account of an admin save, e.g. "Changed summary; steps: 1 changed, 1 added"."""
    if add:
        return "Created"
    parts = []
    if form.changed_data:
        labels = [str(form.fields[name].label or name).lower() for name in form.changed_data if name in form.fields]
        parts.append("Changed " + ", ".join(labels))
    for formset in formsets:
        counts = []
        for label, objects in (
            ("added", getattr(formset, "new_objects", [])),
            ("changed", getattr(formset, "changed_objects", [])),
            ("removed", getattr(formset, "deleted_objects", [])),
        ):
            if objects:
                counts.append(f"{len(objects)} {label}")
        if counts:
            name = str(formset.model._meta.verbose_name_plural)
            parts.append(f"{name}: {', '.join(counts)}")
    return "; ".join(parts)


def versions_of(obj):
    return obj.history.select_related("history_user").order_by("-history_date", "-history_id")


def tracked_fields(obj):
    """The fields a version of ``obj`` records and a restore brings back: all but the primary key."""
    return [f for f in obj._meta.concrete_fields if not f.primary_key]


def _m2m_names(record):
    return [f.name for f in getattr(record, "_history_m2m_fields", [])]


def _m2m_ids(record, name):
    m2m_field = next(f for f in record._history_m2m_fields if f.name == name)
    target = m2m_field.m2m_reverse_field_name()
    return sorted(getattr(row, f"{target}_id") for row in getattr(record, name).all())


def _display(obj, model_field, value):
    if value in (None, ""):
        return ""
    if model_field.is_relation:
        target = model_field.related_model._default_manager.filter(pk=value).first()
        return str(target) if target is not None else f"(deleted {model_field.related_model._meta.verbose_name})"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


@dataclass
class RecordComparison:
    old: object
    new: object
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def has_changes(self):
        return bool(self.fields)


def compare_records(obj, old, new, *, chronological=True):
    """Field-by-field differences between two versions of ``obj`` (oldest first when ``chronological``).

    simple-history's ``diff_against`` finds the changed fields and links; each is shown as a reader knows it (a
    choice's label, a linked object's name), in the model's field order, and left out when that reads the same.
    ``diff_against`` only compares editable fields, so the bookkeeping ones (``auto_now``, ``editable=False``: who
    last changed it and when) are compared here.
    """
    if chronological and old.history_date > new.history_date:
        old, new = new, old
    comparison = RecordComparison(old, new)
    fields = tracked_fields(obj)
    m2m_names = _m2m_names(old)
    delta = new.diff_against(old, included_fields=[f.name for f in fields if f.editable] + m2m_names)
    changed = set(delta.changed_fields)
    for model_field in fields:
        if model_field.editable and model_field.name not in changed:
            continue
        before = _display(obj, model_field, getattr(old, model_field.attname))
        after = _display(obj, model_field, getattr(new, model_field.attname))
        if before != after:
            comparison.fields.append(field_change(str(model_field.verbose_name).capitalize(), before, after))
    for name in m2m_names:
        if name not in changed:
            continue
        m2m_field = obj._meta.get_field(name)
        before_ids, after_ids = _m2m_ids(old, name), _m2m_ids(new, name)
        if before_ids != after_ids:
            targets = m2m_field.related_model._default_manager.in_bulk(set(before_ids) | set(after_ids))
            before = "; ".join(str(targets.get(pk, pk)) for pk in before_ids)
            after = "; ".join(str(targets.get(pk, pk)) for pk in after_ids)
            comparison.fields.append(field_change(str(m2m_field.verbose_name).capitalize(), before, after))
    return comparison


@transaction.atomic
def restore_record(obj, record, *, user, keep=("slug",), stamp_fields=()):
    """Give ``obj`` the values of ``record`` (one of its versions), many-to-many links included.

    Fields named in ``keep`` (the page address) stay as they are; those in ``stamp_fields`` (a "changed by" field)
    get the restoring user. The restore is itself a new version.
    """
    stamp = timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M")
    obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    for model_field in tracked_fields(obj):
        if model_field.name not in keep:
            setattr(obj, model_field.attname, getattr(record, model_field.attname))
    for name in stamp_fields:
        setattr(obj, name, user)
    obj.skip_history_when_saving = True
    try:
        obj.save()
        for name in _m2m_names(record):
            getattr(obj, name).set(_m2m_ids(record, name))
    finally:
        del obj.skip_history_when_saving
    save_with_history(obj, user=user, reason=f"Restored the version of {stamp}")
    return obj

"""Writes for career guides that staff trigger from the admin."""

from django.db import transaction
from django.utils import timezone

from .models import Career


@transaction.atomic
def publish_careers(careers, *, user):
    """Publish the given guides. A guide keeps its first publication date if it had one."""
    now = timezone.now()
    count = 0
    for career in careers.select_for_update():
        career.status = Career.Status.PUBLISHED
        career.published_at = career.published_at or now
        career.published_by = user
        career.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        count += 1
    return count


@transaction.atomic
def unpublish_careers(careers):
    """Take guides off the public site (back to draft); staff can still preview them."""
    return careers.update(status=Career.Status.DRAFT, updated_at=timezone.now())


@transaction.atomic
def mark_reviewed(careers, *, user):
    """Record that someone checked these guides against their sources today."""
    return careers.update(last_reviewed_at=timezone.now(), last_reviewed_by=user)


def stamp_publication(career, *, user):
    """Before saving a guide edited in the admin: a guide published for the first time gets its date and editor."""
    if career.status == Career.Status.PUBLISHED and career.published_at is None:
        career.published_at = timezone.now()
        career.published_by = user

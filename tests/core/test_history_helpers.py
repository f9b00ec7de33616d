"""core.history's one way to save or delete with who and why, and comparisons of two versions by diff_against."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.history import compare_records, delete_with_history, save_with_history
from tests.factories import CertificationFactory, CertificationSourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(username="edna", password="a-long-test-password", is_staff=True)


def test_the_version_names_who_and_why_and_the_instance_forgets_them(editor):
    certification = CertificationFactory(name="Old name")
    certification.name = "New name"
    save_with_history(certification, user=editor, reason="Renamed")
    version = certification.history.latest("history_date")
    assert (version.name, version.history_user, version.history_change_reason) == ("New name", editor, "Renamed")

    certification.name = "Newer name"
    certification.save()  # a later save by someone else is not credited to the editor
    later = certification.history.latest("history_date")
    assert later.history_user is None and later.history_change_reason is None


def test_a_version_can_be_dated_and_save_arguments_pass_through(editor):
    certification = CertificationFactory(name="Old name", notes="Old notes")
    certification.name, certification.notes = "New name", "Not saved"
    when = timezone.now() - datetime.timedelta(days=3)
    save_with_history(certification, user=editor, reason="Dated", when=when, update_fields=["name"])
    certification.refresh_from_db()
    assert (certification.name, certification.notes) == ("New name", "Old notes")
    assert certification.history.get(history_change_reason="Dated").history_date == when


def test_a_deletion_names_who_and_why(editor):
    source = CertificationSourceFactory()
    source_id = source.pk
    delete_with_history(source, user=editor, reason="Out of date")
    deleted = source.history.model.objects.get(id=source_id, history_type="-")
    assert (deleted.history_user, deleted.history_change_reason) == (editor, "Out of date")


def test_a_comparison_lists_changed_fields_in_form_order_as_readers_know_them(editor):
    certification = CertificationFactory(name="Registered Coder", eligibility="", exam_fee="$100")
    old = certification.history.latest("history_date")
    certification.exam_fee, certification.name, certification.eligibility = "$120", "Registered Health Coder", ""
    save_with_history(certification, user=editor, reason="Edited")
    new = certification.history.latest("history_date")

    comparison = compare_records(certification, new, old)  # given newest first: shown oldest first
    assert [change.label for change in comparison.fields] == ["Name", "Exam fee"]
    name = comparison.fields[0]
    assert (name.old, name.new) == ("Registered Coder", "Registered Health Coder")
    segments = [(segment.kind, segment.text) for segment in name.segments]
    assert segments == [("same", "Registered"), ("added", " Health"), ("same", " Coder")]

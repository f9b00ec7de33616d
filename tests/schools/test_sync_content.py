"""manage.py sync_content: the shipped content in content/ reaches the database, a change to the files applies where
nobody edited the field, and a staff edit is kept and reported."""

import shutil
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db.models import F

from careers.models import Career, CareerStep
from careers.services import record_guide_edit
from certifications.models import Certification
from schools.content_sync import REASON_UPDATED, sync_content
from schools.models import ShippedContent

pytestmark = pytest.mark.django_db

GUIDE = "medical-assistant"


def history_rows():
    return Career.history.count() + CareerStep.history.count() + Certification.history.count()


def run_command(*args):
    out = StringIO()
    try:
        call_command("sync_content", *args, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def content_copy(tmp_path, settings):
    """A copy of content/ that a test changes as a later release would; sync_content reads it."""
    folder = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, folder)
    settings.CONTENT_DIR = folder

    def change(relative, **fields):
        path = folder / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, value in fields.items():
            if callable(value):
                value(data[name])
            else:
                data[name] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    return change


def staff_edit(career, **fields):
    """As the admin saves a guide: the new text, then the guide's version (careers.services)."""
    for name, value in fields.items():
        setattr(career, name, value)
    record_guide_edit(career, user=None, reason="Edited in the admin")


def test_an_empty_database_gets_everything_and_a_second_run_has_nothing_to_do(shipped_content):
    assert len(shipped_content.created) > 100
    assert Career.objects.count() == 5 and Certification.objects.count() == 8
    before = history_rows(), ShippedContent.objects.count()

    again = sync_content(check=False)

    assert not again.has_changes and again.kept == [] and again.recorded == 0
    assert (history_rows(), ShippedContent.objects.count()) == before
    assert run_command("--check") == (0, "nothing to do: the database holds the shipped content\n")


def test_a_staff_edit_is_kept_and_listed(shipped_content):
    staff_edit(Career.objects.get(slug=GUIDE), summary="Edited by staff.")

    report = sync_content(check=False)

    assert Career.objects.get(slug=GUIDE).summary == "Edited by staff."
    assert report.kept == [f"careers.career {GUIDE}: summary"] and not report.has_changes
    code, output = run_command("--check")
    assert code == 0
    kept = "kept (changed here since it was shipped, so the shipped value is not applied)"
    assert f"{kept}: careers.career {GUIDE}: summary" in output


def test_a_shipped_change_applies_where_nobody_edited_and_writes_a_version(shipped_content, content_copy, client):
    career = Career.objects.get(slug=GUIDE)
    staff_edit(career, pay_narrative="Pay, as staff put it.")
    # Published with that edit, so nothing waits to be published.
    Career.objects.filter(pk=career.pk).update(published_at=F("content_changed_at"))
    content_copy(
        f"careers/{GUIDE}.yaml",
        summary="Medical assistants run the front desk and help clinicians with patients.",
        pay_narrative="Pay, as the next release puts it.",
    )

    report = sync_content(check=False)

    career = Career.objects.get(slug=GUIDE)
    assert career.summary == "Medical assistants run the front desk and help clinicians with patients."
    assert career.pay_narrative == "Pay, as staff put it."
    assert report.updated == [f"careers.career {GUIDE}: summary"]
    assert report.kept == [f"careers.career {GUIDE}: pay_narrative"]
    latest = career.history.latest()
    assert latest.history_change_reason == REASON_UPDATED and latest.summary == career.summary
    # The public sees the shipped change at once; the guide has nothing waiting to be published.
    assert not career.has_unpublished_changes
    assert "help clinicians with patients" in client.get(f"/careers/{GUIDE}/").content.decode()
    # Done: nothing more to do.
    assert not sync_content(check=False).has_changes


def test_a_changed_certification_fact_and_a_new_step_are_applied(shipped_content, content_copy):
    content_copy("certifications/cpc.yaml", exam_fee="$525 in person; $425 online")
    content_copy(f"careers/{GUIDE}.yaml", steps=lambda steps: steps.append("Keep your CPR certification current."))

    report = sync_content(check=False)

    cpc = Certification.objects.get(slug="cpc")
    assert cpc.exam_fee == "$525 in person; $425 online"
    assert cpc.history.latest().history_change_reason == REASON_UPDATED
    assert report.updated == ["certifications.certification cpc: exam_fee"]
    assert report.created == [f"careers.careerstep {GUIDE}/steps/8"]
    step = CareerStep.objects.get(career__slug=GUIDE, order=8)
    assert step.text == "Keep your CPR certification current."
    assert step.history.get().history_change_reason == "sync_content: shipped content added"


def test_check_writes_nothing_and_exits_1_when_there_is_something_to_do(shipped_content, content_copy):
    content_copy(f"careers/{GUIDE}.yaml", summary="A shipped change.")
    before = history_rows(), ShippedContent.objects.count(), Career.objects.get(slug=GUIDE).summary

    code, output = run_command("--check")

    assert code == 1
    assert output == f"would be updated: careers.career {GUIDE}: summary\n"
    assert (history_rows(), ShippedContent.objects.count(), Career.objects.get(slug=GUIDE).summary) == before


def test_check_on_an_empty_database_lists_what_it_would_add_and_adds_nothing():
    code, output = run_command("--check")
    assert code == 1
    assert "would be added: careers.career medical-biller-and-coder\n" in output
    assert "would be added: certifications.certification ctr\n" in output
    assert Career.objects.count() == 0 and ShippedContent.objects.count() == 0


def test_a_database_the_old_migrations_built_is_adopted_without_changes(shipped_content, content_copy):
    """The old content migrations left the shipped rows but no record of what was shipped. The first sync takes the
    files as shipped: it changes nothing, lists the staff edits, and from then on the rule applies."""
    ShippedContent.objects.all().delete()
    Career.objects.filter(slug=GUIDE).update(summary="Edited by staff before this release.")
    before = history_rows()

    report = sync_content(check=False)

    assert not report.has_changes and report.recorded > 800
    assert report.kept == [f"careers.career {GUIDE}: summary"]
    assert history_rows() == before
    # A later release changes the edited field and another one: the edit stays, the other applies.
    content_copy(f"careers/{GUIDE}.yaml", summary="Shipped later.", specializations_intro="Shipped later too.")
    later = sync_content(check=False)
    career = Career.objects.get(slug=GUIDE)
    assert career.summary == "Edited by staff before this release."
    assert career.specializations_intro == "Shipped later too."
    assert later.updated == [f"careers.career {GUIDE}: specializations_intro"]


def test_a_part_staff_deleted_is_not_added_again(shipped_content):
    CareerStep.objects.get(career__slug=GUIDE, order=7).delete()

    report = sync_content(check=False)

    assert not CareerStep.objects.filter(career__slug=GUIDE, order=7).exists()
    assert report.kept == [f"careers.careerstep {GUIDE}/steps/7 (deleted here, so it is not added again)"]
    assert not report.has_changes


def test_a_broken_file_names_the_file_and_field_and_writes_nothing(content_copy, settings):
    path = settings.CONTENT_DIR / "careers" / f"{GUIDE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["title"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")

    with pytest.raises(CommandError, match=f"content/careers/{GUIDE}.yaml: title: missing"):
        call_command("sync_content")
    assert Career.objects.count() == 0

    path.write_text("slug: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match=f"content/careers/{GUIDE}.yaml: while parsing"):
        call_command("sync_content")


def test_parts_that_point_to_a_guide_staff_deleted_are_left_alone(shipped_content):
    Career.objects.filter(slug="cancer-registrar").delete()

    report = sync_content(check=False)

    assert not Career.objects.filter(slug="cancer-registrar").exists()
    assert "careers.career cancer-registrar (deleted here, so it is not added again)" in report.kept
    assert (
        "careers.relatedcareer medical-biller-and-coder/related_careers/3 (it points to careers.career "
        "cancer-registrar, which is not here)"
    ) not in report.kept  # that related career still exists, without its link: an edit like any other
    assert "careers.relatedcareer medical-biller-and-coder/related_careers/3: target" in report.kept
    assert not report.has_changes

"""History: every change to editorial content is kept with who and when; staff compare versions and restore one."""

import pytest
from django.urls import reverse

from careers.models import Career, CareerCertification, CareerStep
from certifications.models import Certification
from reference_data.models import CipCode
from tests import factories

from .conftest import MBC_SLUG
from .test_workflow import INLINE_PREFIXES, change_url, edit_first_step, guide_form, run_action

pytestmark = pytest.mark.django_db


def history_url(career):
    return reverse("admin:careers_career_history", args=[career.pk])


@pytest.fixture
def mbc(shipped_content):
    return Career.objects.get(slug=MBC_SLUG)


@pytest.mark.usefixtures("shipped_content")
def test_the_shipped_content_has_a_first_version(mbc):
    first = mbc.history.earliest("history_date")
    assert first.history_change_reason == "sync_content: shipped content added"
    assert CareerStep.history.filter(career_id=mbc.pk).count() == mbc.steps.count()
    assert Certification.history.filter(acronym="RHIT").exists()


@pytest.mark.usefixtures("shipped_content")
def test_each_save_is_one_version_with_who_and_what(editor_client, editor, mbc):
    before = mbc.history.count()
    edit_first_step(editor_client, mbc, "A new first step.")
    assert mbc.history.count() == before + 1
    version = mbc.history.latest("history_date")
    assert version.history_user == editor
    assert version.history_change_reason == "career steps: 1 changed"
    step_version = CareerStep.history.filter(career_id=mbc.pk).latest("history_date")
    assert step_version.text == "A new first step." and step_version.history_user == editor
    assert step_version.history_date <= version.history_date  # the guide's version comes after its parts


@pytest.mark.usefixtures("shipped_content")
def test_workflow_steps_are_versions_too(editor_client, editor, mbc):
    run_action(editor_client, mbc, "mark_reviewed")
    version = mbc.history.latest("history_date")
    assert version.history_change_reason == "Marked as reviewed" and version.history_user == editor


@pytest.mark.usefixtures("shipped_content")
def test_history_page_lists_versions_newest_first(editor_client, mbc):
    edit_first_step(editor_client, mbc, "A new first step.")
    html = editor_client.get(history_url(mbc)).content.decode()
    assert html.index("career steps: 1 changed") < html.index("sync_content: shipped content added")
    assert "Edna" in html
    assert "Restore this version" in html and "What changed" in html


@pytest.mark.usefixtures("shipped_content")
def test_compare_shows_the_words_changed_and_the_section_rows(editor_client, mbc):
    old_first = mbc.steps.order_by("order", "pk").first().text
    shipped = mbc.history.earliest("history_date")
    edit_first_step(editor_client, mbc, "A new first step.")
    response = editor_client.post(change_url(mbc), guide_form(mbc, summary=mbc.summary + " Extra sentence."))
    assert response.status_code == 302
    url = reverse("admin:careers_career_compare", args=[mbc.pk])
    html = editor_client.get(url, {"old": shipped.history_id, "new": "current"}).content.decode()
    assert "<ins> Extra sentence.</ins>" in html
    assert f"<del>{old_first}</del>".replace("'", "&#x27;") in html
    assert "<ins>A new first step.</ins>" in html
    assert "How to get started: steps" in html


@pytest.mark.usefixtures("shipped_content")
def test_restore_brings_back_text_and_every_section(editor_client, editor, mbc):
    shipped = mbc.history.latest("history_date")
    steps_before = list(mbc.steps.order_by("order", "pk").values_list("pk", "order", "text"))
    certs_before = list(mbc.career_certifications.values_list("pk", "certification_id", "order", "note"))
    summary_before = mbc.summary

    # A change of text, a changed step, a removed step, an added step, a removed certification link.
    data = guide_form(mbc, summary="Rewritten.")
    data["steps-0-text"] = "Changed step."
    data["steps-1-DELETE"] = "on"
    total = data["steps-TOTAL_FORMS"]
    data.update({"steps-TOTAL_FORMS": total + 1, f"steps-{total}-order": 99, f"steps-{total}-text": "Added step."})
    data["career_certifications-0-DELETE"] = "on"
    assert editor_client.post(change_url(mbc), data).status_code == 302
    mbc.refresh_from_db()
    assert mbc.summary == "Rewritten." and mbc.steps.count() == len(steps_before)
    assert mbc.career_certifications.count() == len(certs_before) - 1

    restore = reverse("admin:careers_career_restore", args=[mbc.pk, shipped.history_id])
    confirm = editor_client.get(restore)
    assert confirm.status_code == 200 and "Restore this version" in confirm.content.decode()
    assert CareerStep.objects.filter(career=mbc, text="Added step.").exists()  # nothing happens on GET
    response = editor_client.post(restore)
    assert response.status_code == 302

    mbc.refresh_from_db()
    assert mbc.summary == summary_before
    assert list(mbc.steps.order_by("order", "pk").values_list("pk", "order", "text")) == steps_before
    assert list(mbc.career_certifications.values_list("pk", "certification_id", "order", "note")) == certs_before
    latest = mbc.history.latest("history_date")
    assert latest.history_change_reason.startswith("Restored the version of ") and latest.history_user == editor
    # Published, so the restored text waits for publication (and the public never saw the edit).
    assert mbc.is_published and mbc.has_unpublished_changes


@pytest.mark.usefixtures("shipped_content")
def test_a_restore_can_itself_be_undone(editor_client, mbc):
    edit_first_step(editor_client, mbc, "Keep me after all.")
    edited = mbc.history.latest("history_date")
    shipped = mbc.history.earliest("history_date")
    editor_client.post(reverse("admin:careers_career_restore", args=[mbc.pk, shipped.history_id]))
    assert not CareerStep.objects.filter(text="Keep me after all.").exists()
    editor_client.post(reverse("admin:careers_career_restore", args=[mbc.pk, edited.history_id]))
    assert CareerStep.objects.filter(career=mbc, text="Keep me after all.").count() == 1


@pytest.mark.usefixtures("shipped_content")
def test_a_data_steward_may_look_but_not_restore(steward_client, mbc):
    shipped = mbc.history.earliest("history_date")
    assert steward_client.get(history_url(mbc)).status_code == 200
    assert "Restore this version" not in steward_client.get(history_url(mbc)).content.decode()
    restore = reverse("admin:careers_career_restore", args=[mbc.pk, shipped.history_id])
    assert steward_client.post(restore).status_code == 403


@pytest.mark.usefixtures("shipped_content")
def test_a_step_s_own_history_is_its_guide_s(editor_client, mbc):
    step = mbc.steps.first()
    response = editor_client.get(reverse("admin:careers_careerstep_history", args=[step.pk]))
    assert response.status_code == 302 and response["Location"] == history_url(mbc)


class TestCertifications:
    @pytest.mark.usefixtures("shipped_content")
    def test_certification_history_compare_and_restore_with_its_programs(self, editor_client, editor):
        rhit = Certification.objects.get(acronym="RHIT")
        shipped = rhit.history.latest("history_date")
        programs_before = set(rhit.qualifying_programs.values_list("pk", flat=True))
        assert programs_before  # RHIT names its qualifying CIP programs
        rhit.eligibility = "Changed eligibility."
        rhit._history_user = editor
        rhit.save()
        rhit.qualifying_programs.set([factories.CipCodeFactory(code="51.9999", digits=6)])

        url = reverse("admin:certifications_certification_compare", args=[rhit.pk])
        html = editor_client.get(url, {"old": shipped.history_id}).content.decode()
        assert "<ins>Changed eligibility.</ins>" in html

        restore = reverse("admin:certifications_certification_restore", args=[rhit.pk, shipped.history_id])
        assert editor_client.post(restore).status_code == 302
        rhit.refresh_from_db()
        assert rhit.eligibility == shipped.eligibility
        assert set(rhit.qualifying_programs.values_list("pk", flat=True)) == programs_before
        latest = rhit.history.latest("history_date")
        assert latest.history_user == editor and latest.history_change_reason.startswith("Restored")
        assert {row.cipcode_id for row in latest.qualifying_programs.all()} == programs_before

    @pytest.mark.usefixtures("shipped_content")
    def test_certification_page_saves_one_version_and_versions_the_guides_it_touches(self, editor_client, editor):
        rhit = Certification.objects.get(acronym="RHIT")
        link = CareerCertification.objects.filter(certification=rhit).select_related("career").first()
        career = link.career
        versions_before, guide_versions_before = rhit.history.count(), career.history.count()
        url = reverse("admin:certifications_certification_change", args=[rhit.pk])
        data = {
            field.name: getattr(rhit, field.attname) if getattr(rhit, field.attname) is not None else ""
            for field in rhit._meta.concrete_fields
            if field.name not in ("id",)
        }
        data["body"] = rhit.body_id
        data["qualifying_programs"] = list(rhit.qualifying_programs.values_list("pk", flat=True))
        data["what_it_shows"] = "Shows new things."
        sources = list(rhit.sources.all())
        data.update({"sources-TOTAL_FORMS": len(sources), "sources-INITIAL_FORMS": len(sources)})
        for index, source in enumerate(sources):
            for field in source._meta.concrete_fields:
                if field.name in ("covers",):
                    continue
                value = getattr(source, field.attname)
                if isinstance(value, bool):
                    if value:
                        data[f"sources-{index}-{field.name}"] = "on"
                    continue
                data[f"sources-{index}-{field.name}"] = "" if value is None else value
            for part in source.covers:
                data.setdefault(f"sources-{index}-covers", []).append(part)
        links = list(CareerCertification.objects.filter(certification=rhit))
        data.update({"career_links-TOTAL_FORMS": len(links), "career_links-INITIAL_FORMS": len(links)})
        for index, row in enumerate(links):
            data.update(
                {
                    f"career_links-{index}-id": row.pk,
                    f"career_links-{index}-certification": rhit.pk,
                    f"career_links-{index}-career": row.career_id,
                    f"career_links-{index}-order": row.order,
                    f"career_links-{index}-note": "New note." if row.pk == link.pk else row.note,
                }
            )
        response = editor_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert rhit.history.count() == versions_before + 1
        assert rhit.history.latest("history_date").history_user == editor
        career.refresh_from_db()
        assert career.history.count() == guide_versions_before + 1
        assert career.has_unpublished_changes


def test_cip_codes_are_not_versioned():
    # Imported data has no history tables: the importers own it.
    assert not hasattr(CipCode, "history")


@pytest.mark.usefixtures("shipped_content")
def test_inline_prefixes_match_the_form(editor_client, mbc):
    html = editor_client.get(change_url(mbc)).content.decode()
    for prefix in INLINE_PREFIXES:
        assert f'name="{prefix}-TOTAL_FORMS"' in html

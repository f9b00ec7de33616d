"""The review workflow as staff and visitors meet it: drafts are private, staff preview them, publishing records
who and when, and edits to a published guide wait for publication while the public keeps the published version."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from careers import services
from careers.models import Career, CareerStep
from tests import factories

from .conftest import MBC_SLUG

pytestmark = pytest.mark.django_db

MBC = f"/careers/{MBC_SLUG}/"
CHANGELIST = reverse("admin:careers_career_changelist")
INLINE_PREFIXES = (
    "career_occupations",
    "steps",
    "career_certifications",
    "specializations",
    "related_careers",
    "sources",
)


def change_url(career):
    return reverse("admin:careers_career_change", args=[career.pk])


def run_action(client, career, action, *, on_form=False):
    """Run an admin action from the list, or from the guide's own page (Django 6.1's change-form actions)."""
    if on_form:
        data = {"CHANGE_FORM-action": action, "_selected_action": [career.pk], "index": 0}
        return client.post(change_url(career), data)
    return client.post(CHANGELIST, {"action": action, "_selected_action": [career.pk]})


def guide_form(career, **changes):
    """The change form's data for ``career`` as the admin renders it, with ``changes`` applied."""
    data = {
        name: getattr(career, name)
        for name in (
            "title",
            "short_name",
            "slug",
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
        )
    }
    for prefix in INLINE_PREFIXES:
        rows = list(getattr(career, prefix).all())
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-career"] = career.pk
            for field in row._meta.concrete_fields:
                if field.name in ("id", "career"):
                    continue
                value = getattr(row, field.attname)
                if value is None:
                    value = ""
                if isinstance(value, bool):
                    if value:
                        data[f"{prefix}-{index}-{field.name}"] = "on"
                    continue
                data[f"{prefix}-{index}-{field.name}"] = value
    data.update(changes)
    return data


def edit_first_step(client, career, text):
    step = career.steps.order_by("order", "pk").first()
    data = guide_form(career)
    index = next(i for i in range(data["steps-TOTAL_FORMS"]) if data[f"steps-{i}-id"] == step.pk)
    data[f"steps-{index}-text"] = text
    response = client.post(change_url(career), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return step


class TestDrafts:
    def test_a_draft_is_invisible_to_the_public_and_in_lists(self, client):
        draft = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None, short_name="Secret Draft")
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert "Secret Draft" not in client.get(reverse("careers:index")).content.decode()
        assert "Secret Draft" not in client.get("/").content.decode()

    def test_staff_preview_a_draft_with_a_banner(self, editor_client):
        draft = factories.CareerFactory(status=Career.Status.IN_REVIEW, published_at=None)
        html = editor_client.get(draft.get_absolute_url()).content.decode()
        assert "Preview: not published." in html and "in review" in html

    def test_new_guides_start_as_drafts(self, editor_client):
        data = {
            "title": "Phlebotomist Careers",
            "short_name": "Phlebotomist",
            "slug": "phlebotomist",
            "summary": "Draws blood.",
            "what_they_do": "They draw blood.",
            "where_they_work": "Labs.",
            "how_to_begin_intro": "Train.",
            "post_education_intro": "Certify.",
            "job_outlook_narrative": "Growing.",
            "status": "published",  # ignored: status is not a form field
        }
        for prefix in INLINE_PREFIXES:
            data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
        response = editor_client.post(reverse("admin:careers_career_add"), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        career = Career.objects.get(slug="phlebotomist")
        assert career.status == Career.Status.DRAFT and career.published_at is None


class TestPublishing:
    def test_submit_then_publish_records_who_and_when(self, editor_client, editor, client):
        draft = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None)
        run_action(editor_client, draft, "submit_for_review", on_form=True)
        draft.refresh_from_db()
        assert draft.status == Career.Status.IN_REVIEW

        before = timezone.now()
        response = run_action(editor_client, draft, "publish", on_form=True)
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == Career.Status.PUBLISHED
        assert draft.published_by == editor and before <= draft.published_at <= timezone.now()
        editor_client.logout()
        html = client.get(draft.get_absolute_url()).content.decode()
        assert "Preview" not in html
        assert f'<time datetime="{timezone.localtime(draft.published_at):%Y-%m-%d}">' in html
        assert "Updated" in html

    def test_publishing_needs_the_publish_permission(self, client, django_user_model):
        from django.contrib.auth.models import Permission

        writer = django_user_model.objects.create_user("writer", password="x-long-password-1", is_staff=True)
        writer.user_permissions.add(*Permission.objects.filter(codename__in=["view_career", "change_career"]))
        client.force_login(writer)
        draft = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None)
        response = client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})
        draft.refresh_from_db()
        assert draft.status == Career.Status.DRAFT
        assert response.status_code in (200, 302)

    @pytest.mark.usefixtures("shipped_content")
    def test_unpublish_takes_the_guide_off_the_public_site(self, editor_client, client):
        career = Career.objects.get(slug=MBC_SLUG)
        run_action(editor_client, career, "unpublish")
        career.refresh_from_db()
        assert career.status == Career.Status.DRAFT
        editor_client.logout()
        assert client.get(MBC).status_code == 404

    @pytest.mark.usefixtures("shipped_content")
    def test_a_published_guide_cannot_be_deleted_even_by_a_superuser(self, admin_client):
        career = Career.objects.get(slug=MBC_SLUG)
        assert admin_client.get(reverse("admin:careers_career_delete", args=[career.pk])).status_code == 403
        run_action(admin_client, career, "unpublish")
        # Unpublished, it was still published once: its address stays reserved.
        assert admin_client.get(reverse("admin:careers_career_delete", args=[career.pk])).status_code == 403
        never = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None)
        assert admin_client.get(reverse("admin:careers_career_delete", args=[never.pk])).status_code == 200


class TestEditingAPublishedGuide:
    @pytest.mark.usefixtures("shipped_content")
    def test_edits_wait_for_publication(self, editor_client, editor, client):
        career = Career.objects.get(slug=MBC_SLUG)
        old_text = career.steps.order_by("order", "pk").first().text
        edit_first_step(editor_client, career, "Take the new coding course first.")

        # Staff see the edit, marked as a preview of unpublished changes.
        staff_html = editor_client.get(MBC).content.decode()
        assert "Take the new coding course first." in staff_html
        assert "Preview: not published." in staff_html and "the published version" in staff_html
        published_html = editor_client.get(MBC + "?version=published").content.decode()
        assert old_text in published_html and "Take the new coding course first." not in published_html

        # The public still sees the published version.
        anonymous = client.__class__()
        public_html = anonymous.get(MBC).content.decode()
        assert old_text in public_html and "Take the new coding course first." not in public_html
        assert "Preview" not in public_html

        career.refresh_from_db()
        assert career.has_unpublished_changes
        run_action(editor_client, career, "publish", on_form=True)
        career.refresh_from_db()
        assert not career.has_unpublished_changes and career.published_by == editor
        public_html = anonymous.get(MBC).content.decode()
        assert "Take the new coding course first." in public_html and old_text not in public_html

    @pytest.mark.usefixtures("shipped_content")
    def test_the_guide_list_keeps_the_published_summary(self, editor_client, client):
        career = Career.objects.get(slug=MBC_SLUG)
        published_summary = career.summary
        response = editor_client.post(change_url(career), guide_form(career, summary="A rewritten summary."))
        assert response.status_code == 302
        for url in (reverse("careers:index"), "/"):
            html = client.__class__().get(url).content.decode()
            assert escape(published_summary) in html and "A rewritten summary." not in html

    @pytest.mark.usefixtures("shipped_content")
    def test_public_page_of_a_published_version_costs_a_bounded_number_of_queries(
        self, editor_client, django_assert_max_num_queries
    ):
        career = Career.objects.get(slug=MBC_SLUG)
        edit_first_step(editor_client, career, "Changed.")
        anonymous = editor_client.__class__()
        # 28 since the guide's data sections come from the occupation profile (alternate titles, metro pay,
        # crosswalk programs and related occupations: four queries more, careers/profile_selectors.py).
        with django_assert_max_num_queries(29):
            assert anonymous.get(MBC).status_code == 200

    @pytest.mark.usefixtures("shipped_content")
    def test_discarding_unpublished_changes(self, editor_client, client):
        career = Career.objects.get(slug=MBC_SLUG)
        old_text = career.steps.order_by("order", "pk").first().text
        edit_first_step(editor_client, career, "A change we regret.")
        run_action(editor_client, career, "discard_changes", on_form=True)
        career.refresh_from_db()
        assert not career.has_unpublished_changes
        assert career.steps.order_by("order", "pk").first().text == old_text
        assert "A change we regret." not in editor_client.get(MBC).content.decode()


class TestReview:
    @pytest.mark.usefixtures("shipped_content")
    def test_mark_reviewed_records_who_and_when_and_staff_see_it(self, editor_client, editor, client):
        career = Career.objects.get(slug=MBC_SLUG)
        run_action(editor_client, career, "mark_reviewed", on_form=True)
        career.refresh_from_db()
        assert career.last_reviewed_by == editor
        day = timezone.localtime(career.last_reviewed_at).strftime("%-d %B %Y")
        html = editor_client.get(MBC).content.decode()
        iso_day = f"{timezone.localtime(career.last_reviewed_at):%Y-%m-%d}"
        assert f'Last reviewed on <time datetime="{iso_day}">{day}</time> by Edna' in html
        editor_client.logout()
        assert "Last reviewed" not in client.get(MBC).content.decode()

    def test_the_admin_lists_guides_not_reviewed_in_12_months(self, editor_client):
        stale = factories.CareerFactory(short_name="Stale Guide")
        Career.objects.filter(pk=stale.pk).update(last_reviewed_at=timezone.now() - datetime.timedelta(days=400))
        never = factories.CareerFactory(short_name="Never Reviewed Guide", last_reviewed_at=None)
        fresh = factories.CareerFactory(short_name="Fresh Guide")
        Career.objects.filter(pk=fresh.pk).update(last_reviewed_at=timezone.now() - datetime.timedelta(days=30))
        html = editor_client.get(CHANGELIST, {"review": "due"}).content.decode()
        assert "Stale Guide" in html and "Never Reviewed Guide" in html
        assert "Fresh Guide" not in html
        assert "Medical Biller and Coder" not in html  # reviewed when it shipped
        assert never.review_is_due and not Career.objects.get(pk=fresh.pk).review_is_due

    @pytest.mark.usefixtures("shipped_content")
    def test_list_columns_show_status_and_review(self, editor_client):
        career = Career.objects.get(slug=MBC_SLUG)
        edit_first_step(editor_client, career, "Something new.")
        draft = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None, last_reviewed_at=None)
        html = editor_client.get(CHANGELIST).content.decode()
        row = re.search(r"<tr>(?:(?!</tr>).)*Medical Biller and Coder(?:(?!</tr>).)*</tr>", html, flags=re.S).group(0)
        assert "Published, with unpublished changes" in row
        assert f'<a href="{MBC}">View</a>' in row
        draft_row = re.search(rf"<tr>(?:(?!</tr>).)*{draft.short_name}(?:(?!</tr>).)*</tr>", html, flags=re.S).group(0)
        assert "Never (review due)" in draft_row and f'<a href="{draft.get_absolute_url()}">Preview</a>' in draft_row


@pytest.mark.usefixtures("shipped_content")
def test_workflow_steps_refuse_what_does_not_apply():
    career = Career.objects.get(slug=MBC_SLUG)
    with pytest.raises(services.WorkflowError):
        services.submit_for_review(career, user=None)
    with pytest.raises(services.WorkflowError):
        services.publish(career, user=None)  # published, nothing new to publish


@pytest.mark.usefixtures("shipped_content")
def test_edits_outside_the_guide_form_also_wait_for_publication(editor_client, client):
    career = Career.objects.get(slug=MBC_SLUG)
    step = career.steps.order_by("order", "pk").first()
    url = reverse("admin:careers_careerstep_change", args=[step.pk])
    response = editor_client.post(url, {"career": career.pk, "order": step.order, "text": "Edited on its own page."})
    assert response.status_code == 302
    career.refresh_from_db()
    assert career.has_unpublished_changes
    assert "Edited on its own page." not in client.__class__().get(MBC).content.decode()
    assert CareerStep.objects.get(pk=step.pk).text == "Edited on its own page."

"""Every careers model works in the admin for a superuser, and the staff tools do what they say."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from careers.models import Career
from tests import factories

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = (
    "career_occupations",
    "steps",
    "career_certifications",
    "specializations",
    "related_careers",
    "sources",
)
# The editorial models' history tables (django-simple-history) are browsed from each guide's History page.
CAREERS_MODELS = [m for m in apps.get_app_config("careers").get_models() if not m.__name__.startswith("Historical")]
IMPORTED_MODELS = {"Occupation", "OccupationTask", "WageEstimate", "EmploymentProjection"}


def test_every_careers_model_is_registered():
    for model in CAREERS_MODELS:
        assert model in admin.site._registry, model.__name__


def some_row(model):
    """A migrated row where the content migrations made one; otherwise one from the model's factory."""
    row = model.objects.first()
    return row if row is not None else getattr(factories, f"{model.__name__}Factory")()


def assert_admin_pages_load(client, model):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    row = some_row(model)
    assert client.get(reverse(f"{prefix}_changelist")).status_code == 200
    assert client.get(reverse(f"{prefix}_changelist"), {"q": "29-2072"}).status_code == 200
    # Imported data is read-only: no add page, and its change page shows the row without a form to save.
    imported = model.__name__ in IMPORTED_MODELS
    assert client.get(reverse(f"{prefix}_add")).status_code == (403 if imported else 200)
    change = client.get(reverse(f"{prefix}_change", args=[row.pk]))
    assert change.status_code == 200
    assert ('name="_save"' in change.content.decode()) is not imported


@pytest.mark.parametrize("model", CAREERS_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_load(admin_client, model):
    assert_admin_pages_load(admin_client, model)


def test_career_change_page_has_the_section_inlines_and_view_on_site(admin_client):
    career = Career.objects.get(slug="medical-biller-and-coder")
    html = admin_client.get(reverse("admin:careers_career_change", args=[career.pk])).content.decode()
    for prefix in INLINE_PREFIXES:
        assert f'id="id_{prefix}-TOTAL_FORMS"' in html, prefix
    assert "View on site" in html
    assert 'value="If you are still in high school' not in html  # steps are textareas, not inputs
    assert "If you are still in high school" in html


def test_guide_search_finds_by_soc_code(admin_client):
    html = admin_client.get(reverse("admin:careers_career_changelist"), {"q": "31-9094"}).content.decode()
    assert "Medical Transcriptionist" in html and "Medical Assistant" not in html


def test_occupation_autocomplete(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "careers", "model_name": "careeroccupation", "field_name": "occupation", "term": "29-2072"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["29-2072 Medical Records Specialists"]


def test_publish_and_unpublish_actions(admin_client):
    draft = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None)
    changelist = reverse("admin:careers_career_changelist")
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Career.Status.PUBLISHED
    assert draft.published_at is not None and draft.published_by.username == "admin"
    assert admin_client.get(draft.get_absolute_url()).status_code == 200

    admin_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Career.Status.DRAFT


def test_status_is_not_edited_in_the_form(admin_client):
    # Publication goes through the workflow actions, which record who and when.
    career = factories.CareerFactory(status=Career.Status.DRAFT, published_at=None, slug="form-edit")
    html = admin_client.get(reverse("admin:careers_career_change", args=[career.pk])).content.decode()
    assert 'name="status"' not in html
    assert 'name="title"' in html


def test_imported_figures_are_read_only(admin_client):
    from careers.models import WageEstimate

    wage = WageEstimate.objects.filter(occupation__soc_code="29-2072").first()
    url = reverse("admin:careers_wageestimate_change", args=[wage.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="annual_median"' not in html and "51,140" in html.replace("51140", "51,140")
    assert admin_client.post(url, {"annual_median": 1}).status_code == 403
    wage.refresh_from_db()
    assert wage.annual_median == 51140

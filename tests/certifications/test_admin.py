import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from certifications.models import Certification
from tests.careers.test_admin import assert_admin_pages_load

pytestmark = pytest.mark.django_db

CERTIFICATION_MODELS = [
    m for m in apps.get_app_config("certifications").get_models() if not m.__name__.startswith("Historical")
]


def test_every_certifications_model_is_registered():
    for model in CERTIFICATION_MODELS:
        assert model in admin.site._registry, model.__name__


@pytest.mark.parametrize("model", CERTIFICATION_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_load(admin_client, model):
    assert_admin_pages_load(admin_client, model)


def test_certification_form_offers_award_groups_and_six_digit_programs(admin_client):
    rhit = Certification.objects.get(slug="rhit")
    html = admin_client.get(reverse("admin:certifications_certification_change", args=[rhit.pk])).content.decode()
    assert '<option value="associate" selected>Associate degree</option>' in html
    assert "51.0707 Health Information/Medical Records Technology/Technician." in html
    assert "View on site" in html
    assert 'id="id_career_links-TOTAL_FORMS"' in html


def test_search_by_acronym(admin_client):
    html = admin_client.get(reverse("admin:certifications_certification_changelist"), {"q": "CCS"}).content.decode()
    assert "Certified Coding Specialist" in html and "Certified Professional Coder" not in html

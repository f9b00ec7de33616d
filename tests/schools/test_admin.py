"""Schools admin: imported data can be searched and read but not changed; staff edit career programs."""

import pytest
from django.urls import reverse

from schools.models import CareerProgram

pytestmark = pytest.mark.django_db

IMPORTED = ["institution", "program", "completion", "cipcode", "cipsoclink", "zipcentroid"]


@pytest.mark.parametrize("model", IMPORTED + ["careerprogram"])
def test_changelists_load_and_search(admin_client, world, model):
    url = reverse(f"admin:schools_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "51.0713"}).status_code == 200


@pytest.mark.parametrize("model", IMPORTED)
def test_imported_data_is_read_only(admin_client, world, model):
    assert admin_client.get(reverse(f"admin:schools_{model}_add")).status_code == 403


def test_institution_search_by_name_and_unitid(admin_client, world):
    url = reverse("admin:schools_institution_changelist")
    school = world.schools["birmingham"]
    assert school.name in admin_client.get(url, {"q": "magic city"}).content.decode()
    html = admin_client.get(url, {"q": school.unitid}).content.decode()
    assert school.name in html and "Rocket City" not in html


def test_institution_page_is_read_only_with_programs(admin_client, world):
    school = world.schools["huntsville"]
    response = admin_client.get(reverse("admin:schools_institution_change", args=[school.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "51.0713" in html
    assert 'name="_save"' not in html
    response = admin_client.post(reverse("admin:schools_institution_change", args=[school.pk]), {"name": "Hacked"})
    assert response.status_code == 403
    school.refresh_from_db()
    assert school.name == "Rocket City Community College"


def test_program_page_shows_completions_inline(admin_client, world):
    program = world.schools["huntsville"].programs.get(cip__code="51.0713")
    html = admin_client.get(reverse("admin:schools_program_change", args=[program.pk])).content.decode()
    assert "2024" in html and "2023" in html


def test_staff_add_a_career_program_with_cip_autocomplete(admin_client, world):
    add_url = reverse("admin:schools_careerprogram_add")
    html = admin_client.get(add_url).content.decode()
    assert "admin-autocomplete" in html
    autocomplete = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "51.08", "app_label": "schools", "model_name": "careerprogram", "field_name": "cip"},
    )
    assert autocomplete.status_code == 200
    nursing = world.cips["nursing"]
    response = admin_client.post(
        add_url, {"career": world.career.pk, "cip": nursing.pk, "action": "include", "note": "Asked by staff"}
    )
    assert response.status_code == 302
    assert CareerProgram.objects.filter(career=world.career, cip=nursing, action="include").exists()

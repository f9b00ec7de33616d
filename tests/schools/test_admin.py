"""Schools admin: imported data can be searched and read but not changed; staff edit career programs."""

import re

import pytest
from django.urls import reverse

from schools.models import CareerProgram

pytestmark = pytest.mark.django_db

# app_label.model: the CIP and ZIP data live in reference_data, shown in the admin beside the schools.
IMPORTED = [
    "schools.institution",
    "schools.program",
    "schools.completion",
    "reference_data.cipcode",
    "reference_data.cipsoclink",
    "reference_data.zipcentroid",
]


def admin_url(model, view):
    return reverse(f"admin:{model.replace('.', '_')}_{view}")


@pytest.mark.parametrize("model", IMPORTED + ["schools.careerprogram"])
def test_changelists_load(admin_client, world, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200


def listed_rows(admin_client, model, term):
    html = admin_client.get(admin_url(model, "changelist"), {"q": term}).content.decode()
    body = re.search(r'<table id="result_list">.*?<tbody>(.*?)</tbody>', html, re.S)
    return re.findall(r"<tr[ >].*?</tr>", body.group(1), re.S) if body else []


def test_cip_codes_are_found_by_code_and_by_title(admin_client, world):
    [row] = listed_rows(admin_client, "reference_data.cipcode", "51.0713")
    assert "Medical Insurance Coding Specialist" in row
    assert [r for r in listed_rows(admin_client, "reference_data.cipcode", "registered nurs") if "51.3801" in r]


def test_programs_and_crosswalk_links_are_found_by_cip_code(admin_client, world):
    programs = listed_rows(admin_client, "schools.program", "51.0713")
    assert programs and all("51.0713" in row for row in programs)
    assert not [row for row in programs if "51.3801" in row]
    links = listed_rows(admin_client, "reference_data.cipsoclink", "51.0707")
    assert links and all("51.0707" in row for row in links)


def test_a_zip_centroid_is_found_by_its_exact_code(admin_client, world):
    [row] = listed_rows(admin_client, "reference_data.zipcentroid", "35801")
    assert "35801" in row
    assert listed_rows(admin_client, "reference_data.zipcentroid", "3580") == []  # exact: part of a code finds nothing


@pytest.mark.parametrize("model", IMPORTED)
def test_imported_data_is_read_only(admin_client, world, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 403


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
        {"term": "51.07", "app_label": "schools", "model_name": "careerprogram", "field_name": "cip"},
    )
    assert autocomplete.status_code == 200
    found = {result["text"] for result in autocomplete.json()["results"]}
    assert any(text.startswith("51.0713 ") for text in found) and any(text.startswith("51.0707 ") for text in found)
    assert not any(text.startswith("51.3801 ") for text in found)
    nursing = world.cips["nursing"]
    response = admin_client.post(
        add_url, {"career": world.career.pk, "cip": nursing.pk, "action": "include", "note": "Asked by staff"}
    )
    assert response.status_code == 302
    assert CareerProgram.objects.filter(career=world.career, cip=nursing, action="include").exists()

"""Staff corrections of an imported school (schools.InstitutionOverride): the site shows them instead of the IPEDS
values, hidden schools leave Find a School, and the next import changes the imported row but not the correction."""

import pytest
from django.urls import reverse

from imports.services import run_import
from schools.models import Institution, InstitutionOverride
from tests.factories import CipCodeFactory
from tests.schools.conftest import add_program
from tests.schools.helpers import listed_names, search

pytestmark = pytest.mark.django_db

RIVERBEND = "100001"  # tests/fixtures/ipeds-hd/hd2024.csv: Riverbend Community College


@pytest.fixture
def riverbend(fixtures_dir):
    run = run_import("ipeds-hd", fixtures_dir / "ipeds-hd" / "hd2024.csv")
    assert run.outcome == "succeeded", run.report
    school = Institution.objects.get(unitid=RIVERBEND)
    add_program(school, CipCodeFactory(code="51.0713", digits=6), "3", {2024: 12})
    return school


def add_override(client, school, **fields):
    data = {
        "institution": school.pk,
        "display_name": "",
        "web_address": "",
        "note": "Checked on its own site.",
        **fields,
    }
    return client.post(reverse("admin:schools_institutionoverride_add"), data)


def test_a_steward_corrects_a_school_and_the_site_shows_it(steward_client, steward, client, riverbend):
    response = add_override(
        steward_client, riverbend, display_name="Riverbend College of Health", web_address="https://rbch.example/"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = InstitutionOverride.objects.get(institution=riverbend)
    assert override.updated_by == steward

    visitor = client.__class__()
    assert "Riverbend College of Health" in listed_names(search(visitor, program="51.0713"))
    assert "Riverbend College of Health" in listed_names(search(visitor, q="College of Health"))
    page = visitor.get(riverbend.get_absolute_url()).content.decode()
    assert "<h1>Riverbend College of Health</h1>" in page
    assert 'href="https://rbch.example/"' in page
    csv_text = b"".join(visitor.get(reverse("schools:search"), {"program": "51.0713", "format": "csv"})).decode()
    assert "Riverbend College of Health" in csv_text and "Riverbend Community College" not in csv_text


def test_a_hidden_school_leaves_the_search_but_keeps_its_page(steward_client, client, riverbend):
    assert "Riverbend Community College" in listed_names(search(client, program="51.0713"))
    add_override(steward_client, riverbend, hidden_from_search="on")
    visitor = client.__class__()
    assert "Riverbend Community College" not in listed_names(search(visitor, program="51.0713"))
    assert visitor.get(riverbend.get_absolute_url()).status_code == 200


def test_the_correction_survives_the_next_import(steward_client, client, riverbend, fixtures_dir):
    add_override(steward_client, riverbend, display_name="Riverbend College of Health")
    run = run_import("ipeds-hd", fixtures_dir / "ipeds-hd" / "hd2024.csv")
    assert run.outcome == "succeeded", run.report
    override = InstitutionOverride.objects.get(institution__unitid=RIVERBEND)
    assert override.display_name == "Riverbend College of Health"
    assert Institution.objects.get(unitid=RIVERBEND).name == "Riverbend Community College"  # IPEDS's own
    html = client.__class__().get(riverbend.get_absolute_url()).content.decode()
    assert "<h1>Riverbend College of Health</h1>" in html


def test_the_school_admin_links_to_its_override_and_shows_what_was_imported(steward_client, riverbend):
    url = reverse("admin:schools_institution_change", args=[riverbend.pk])
    assert "Add a staff override" in steward_client.get(url).content.decode()
    add_override(steward_client, riverbend, display_name="Riverbend College of Health")
    override = InstitutionOverride.objects.get(institution=riverbend)
    assert "See or change the staff override" in steward_client.get(url).content.decode()
    change = steward_client.get(reverse("admin:schools_institutionoverride_change", args=[override.pk]))
    assert "Riverbend Community College; web address: https://www.riverbend.example/" in change.content.decode()


def test_editors_cannot_override_a_school(editor_client, riverbend):
    assert add_override(editor_client, riverbend, display_name="Renamed").status_code == 403
    assert not InstitutionOverride.objects.exists()

"""The data downloads: the tables from the database, each naming its sources and licence, streamed, kept per
content version, and limited per client like the search's CSV."""

import csv
import io

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from api.downloads import TABLES
from schools.models import InstitutionOverride

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8" and response.streaming
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_page_offers_each_table_with_sources_and_licence(client, db):
    html = client.get("/data/").content.decode()
    for slug, (table, _) in TABLES.items():
        assert f'href="/data/{slug}.csv"' in html
        for source in table.sources:
            assert source in html
    assert "CC BY 4.0" in html and "O*NET 27.0 Database" in html


def test_programs_by_school(client, school_world):
    programs = rows(client.get("/data/programs.csv"))
    nearest = [row for row in programs if row["unitid"] == school_world.nearest.unitid]
    assert {(row["cip_code"], row["award_level"]) for row in nearest} == {
        (p.cip.code, p.award_level) for p in school_world.nearest.programs.all()
    }
    assert all(row["completions_year"] == "2023-24" and row["completions_source"] for row in programs)
    # A school staff hid from the search is left out here too.
    InstitutionOverride.objects.create(institution=school_world.nearest, hidden_from_search=True, note="test")
    assert school_world.nearest.unitid not in {row["unitid"] for row in rows(client.get("/data/programs.csv"))}


def test_schools_with_cost_and_outcomes(client, school_world):
    from schools.outcome_models import InstitutionCost

    InstitutionCost.objects.create(institution=school_world.nearest, year=2024, tuition_in_state=4000)
    schools = {row["unitid"]: row for row in rows(client.get("/data/schools.csv"))}
    nearest = schools[school_world.nearest.unitid]
    assert (nearest["tuition_in_state"], nearest["charges_academic_year"]) == ("4000", "2024-25")
    assert nearest["tuition_out_of_state"] == ""  # not reported: empty, never 0
    assert nearest["longitude"].startswith("-")  # a number, not quoted as a formula


def test_occupations_with_national_pay_and_projections(client, shipped_content):
    occupations = {row["soc_code"]: row for row in rows(client.get("/data/occupations.csv"))}
    coder = occupations["29-2072"]
    assert coder["national_annual_median"] == "51140" and coder["wage_period"] == "2025-05"
    assert coder["projection_period"] == "2024-2034" and coder["projection_source"] == "BLS Employment Projections"
    assert "00-0000" not in occupations


def test_a_repeated_download_is_read_from_the_cache(client, school_world):
    first = rows(client.get("/data/programs.csv"))
    with CaptureQueriesContext(connection) as queries:
        again = rows(client.get("/data/programs.csv"))
    assert again == first and len(queries) == 1  # the content version


@override_settings(RATE_LIMITS={"csv-export": (2, 60), "api": (100, 60)})
def test_downloads_are_rate_limited(client, db):
    assert client.get("/data/schools.csv").status_code == 200
    assert client.get("/data/programs.csv").status_code == 200
    refused = client.get("/data/occupations.csv")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60


def test_unknown_table_is_404(client, db):
    assert client.get("/data/passwords.csv").status_code == 404


def test_documentation_page_lists_every_operation_with_examples(client, db):
    from api.main import api

    html = client.get("/api/").content.decode()
    document = api.get_openapi_schema(path_prefix="/api/v1")
    for path, methods in document["paths"].items():
        assert f"GET {path}" in html
        for example in methods["get"].get("x-examples", []):
            assert f'href="{example.replace("&", "&amp;")}"' in html
    assert 'href="/api/v1/openapi.json"' in html
    assert "<script" not in html.split("</main>")[0].split("<main")[1]


def test_every_page_links_to_the_downloads_and_the_api(client, db):
    footer = client.get("/about-the-data/").content.decode().split('<footer class="site-footer">')[1]
    assert '<a href="/data/">Download the data</a>' in footer and '<a href="/api/">API</a>' in footer

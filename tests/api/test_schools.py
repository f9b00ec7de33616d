"""The schools resource answers as Find a School does: the same schools in the same order as the HTML pages and
the CSV, the form's own messages in a problem document, and the school page's figures with their sources."""

import pytest
from django.test import override_settings
from django.urls import reverse

from schools.search_results import RESULTS_PER_PAGE
from tests.school_world import HUNTSVILLE_CAREER_MATCHES, WITHIN_25_MILES

from .helpers import csv_unitids, every_api_unitid, html_page_unitids, json_of

pytestmark = pytest.mark.django_db

SEARCHES = [
    "career=medical-biller-and-coder&zip=35801&radius=100",
    "career=medical-biller-and-coder",
    "zip=35801&radius=25&award=certificate-short",
    "program=51.0713&sort=completions",
    "q=college&state=AL&sort=name",
]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_lists_the_schools_of_the_csv_and_the_pages_in_their_order(client, school_world, query):
    api = every_api_unitid(client, query)
    assert api, "the search finds schools in the made-up world"
    assert api == csv_unitids(client, query)
    first_page = html_page_unitids(client, query)
    assert api[:RESULTS_PER_PAGE] == first_page
    if len(api) > RESULTS_PER_PAGE:
        assert api[RESULTS_PER_PAGE : 2 * RESULTS_PER_PAGE] == html_page_unitids(client, f"{query}&page=2")


def test_search_page_counts_and_links(client, school_world):
    body = json_of(client.get("/api/v1/schools?career=medical-biller-and-coder&utm_source=x&zip=35801&radius=250"))
    assert body["count"] == HUNTSVILLE_CAREER_MATCHES
    assert (body["page"], body["pages"], body["per_page"]) == (1, 2, RESULTS_PER_PAGE)
    # Unknown parameters are dropped; the known ones come back cleaned and in the form's order.
    assert body["parameters"] == {"career": "medical-biller-and-coder", "zip": "35801", "radius": "250"}
    assert body["next"] == (
        "http://testserver/api/v1/schools?career=medical-biller-and-coder&zip=35801&radius=250&page=2"
    )
    second = json_of(client.get(body["next"]))
    assert second["previous"].endswith("radius=250&page=1") and second["next"] is None
    nearest = body["results"][0]
    assert nearest["unitid"] == school_world.nearest.unitid
    assert nearest["distance_miles"] == pytest.approx(1.0, abs=0.1)
    assert nearest["page_url"] == f"http://testserver{school_world.nearest.get_absolute_url()}"
    # Each result's detail address is the route's own (api/schools.py reverses it once per process).
    for result in body["results"]:
        expected = reverse("api-v1:school_detail", kwargs={"unitid": result["unitid"]})
        assert result["api_url"] == f"http://testserver{expected}"
        assert client.get(result["api_url"]).status_code == 200


def test_every_figure_of_a_result_names_its_source_and_period(client, school_world):
    body = json_of(client.get("/api/v1/schools?career=medical-biller-and-coder&zip=35801&radius=25"))
    school = body["results"][0]
    program = school["programs"][0]
    assert program["completions"]["value"] > 0
    assert program["completions"]["source"].startswith("NCES IPEDS Completions")
    assert program["completions"]["period"] == "2023-24"
    assert school["completions_total"]["value"] == sum(p["completions"]["value"] for p in school["programs"])
    pay = school["pay"]
    assert pay["occupation"] == "Medical Records Specialists"
    # The shipped starting figures: OEWS May 2025 for 29-2072 (content/starting-figures.yaml).
    assert pay["national_median_annual"] == {
        "value": 51140,
        "source": "BLS Occupational Employment and Wage Statistics (OEWS)",
        "period": "May 2025",
        "note": None,
    }


def test_invalid_search_is_a_400_problem_with_the_forms_messages(client, school_world):
    response = client.get("/api/v1/schools?zip=3580&radius=100&sort=sideways&career=astronaut")
    body = json_of(response, 400, "application/problem+json")
    assert body["status"] == 400 and body["title"] == "Invalid parameters"
    assert body["type"] == "http://testserver/api/#problem-invalid-parameters"
    messages = {error["parameter"]: error["message"] for error in body["errors"]}
    assert messages == {
        "career": "We have no career by that name. Choose a career from the list.",
        "zip": "“3580” is not a ZIP code. Enter a ZIP code as 5 digits, like 35801, or a city and state, like "
        "Houston, TX.",
        "sort": "Choose an order from the list.",
    }
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cross_field_rule_of_the_form(client, school_world):
    body = json_of(client.get("/api/v1/schools?radius=25"), 400, "application/problem+json")
    assert body["errors"] == [
        {"parameter": "zip", "message": "Enter a ZIP code to search within 25 miles.", "code": "invalid"}
    ]


def test_a_page_past_the_end_is_a_404_problem(client, school_world):
    body = json_of(client.get("/api/v1/schools?zip=35801&radius=25&page=9"), 404, "application/problem+json")
    assert body["detail"] == "There is no page 9 of these results."


def test_no_results_is_an_empty_page_not_an_error(client, school_world):
    body = json_of(client.get("/api/v1/schools?q=no+such+school+anywhere"))
    assert (body["count"], body["results"], body["pages"]) == (0, [], 1)


def test_etag_and_304(client, school_world):
    url = "/api/v1/schools?zip=35801&radius=25"
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and len(first.content) > 1000
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    # Another search is another answer with another tag.
    assert client.get(f"{url}&page=2", HTTP_IF_NONE_MATCH=etag).status_code == 200
    # A change of content (staff hide a school) changes the tag.
    from schools.models import InstitutionOverride

    InstitutionOverride.objects.create(institution=school_world.nearest, hidden_from_search=True, note="test")
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert school_world.nearest.unitid not in changed.content.decode()


def test_cors_for_get_and_preflight_without_credentials(client, school_world):
    response = client.get("/api/v1/careers", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/careers", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Headers"] == "If-None-Match"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
def test_the_api_only_reads(client, school_world, method):
    response = getattr(client, method)("/api/v1/careers")
    body = json_of(response, 405, "application/problem+json")
    assert response["Allow"] == "GET, HEAD, OPTIONS" and body["status"] == 405


def test_head_is_a_get_without_the_body(client, school_world):
    get = client.get("/api/v1/careers")
    head = client.head("/api/v1/careers")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and int(head["Content-Length"]) == len(get.content)


@override_settings(RATE_LIMITS={"api": (3, 60), "csv-export": (10, 60)})
def test_rate_limit_is_a_429_problem_with_retry_after(client, school_world):
    for _ in range(3):
        assert client.get("/api/v1/careers").status_code == 200
    response = client.get("/api/v1/careers")
    body = json_of(response, 429, "application/problem+json")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert body["detail"].startswith("Too many requests from your address.")
    assert response["Access-Control-Allow-Origin"] == "*"
    # Another client is counted apart.
    assert client.get("/api/v1/careers", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_school_detail(client, school_world):
    school = school_world.nearest
    body = json_of(client.get(f"/api/v1/schools/{school.unitid}"))
    assert body["unitid"] == school.unitid and body["name"] == school.name
    assert body["directory"]["source"] == "NCES IPEDS institutional directory (HD)"
    programs = {(p["cip_code"], p["award_level"]) for p in body["programs"]}
    assert programs == {(p.cip.code, p.award_level) for p in school.programs.all()}
    completions = body["programs"][0]["completions"]
    assert [c["period"] for c in completions] == ["2023-24", "2022-23"]
    assert body["programs"][0]["careers"] == ["medical-biller-and-coder"]
    # The world's charges for the nearest school (tests/school_world.py JUDGED), with their year.
    assert body["cost"]["tuition_in_state"]["value"] == 3950
    assert body["contact"]["federal_student_aid"] == "Not reported to IPEDS"
    # The fourth school has no charges: said in words, never 0.
    bare = json_of(client.get(f"/api/v1/schools/{school_world.schools[3].unitid}"))
    assert bare["cost"]["tuition_in_state"]["value"] is None
    assert bare["cost"]["tuition_in_state"]["note"] == "Not reported to IPEDS"


@pytest.mark.parametrize("unitid", ["999999", "1234567890", "abc"])
def test_unknown_school_is_a_404_problem(client, school_world, unitid):
    json_of(client.get(f"/api/v1/schools/{unitid}"), 404, "application/problem+json")


def test_within_25_miles_count_matches_the_world(client, school_world):
    assert json_of(client.get("/api/v1/schools?zip=35801&radius=25"))["count"] == WITHIN_25_MILES


def test_a_304_reads_nothing_but_the_version(client, school_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = "/api/v1/schools?career=medical-biller-and-coder"
    etag = client.get(url)["ETag"]
    from django.core.cache import cache

    cache.clear()  # even when the kept answer was evicted
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(queries) == 1  # the content version (the form's options stay in memory per version)

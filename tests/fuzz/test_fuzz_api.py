"""Hostile query strings and path segments against the API (/api/v1/): never a 5xx, and every error a problem
document (RFC 9457) with the CORS header, so a script calling the API can always read why."""

import json

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import assert_handled_safely, fuzz_settings, path_segments, query_strings
from tests.school_world import build_school_world

pytestmark = pytest.mark.fuzz

LISTS = ["/api/v1/schools", "/api/v1/occupations", "/api/v1/cip"]
DETAILS = ["/api/v1/schools/{}", "/api/v1/occupations/{}", "/api/v1/careers/{}", "/api/v1/certifications/{}",
           "/api/v1/cip/{}"]  # fmt: skip
LIST_PARAMETERS = st.sampled_from(["major_group", "family", "q", "page", "PAGE", "page[]", "format"])


@pytest.fixture
def some_schools(shipped_content, settings):
    # Hundreds of requests from one test client: the rate limit is tested elsewhere (tests/api).
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": (100_000, 60)}
    return build_school_world()


def get(client, path, query="", outcomes=None):
    with transaction.atomic():
        response = client.get(path, QUERY_STRING=query)
    assert_handled_safely(response, f"GET {path[:300]}?{query[:300]}")
    assert response["Access-Control-Allow-Origin"] == "*"
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json", path
        problem = json.loads(response.content)
        assert problem["status"] == response.status_code and problem["detail"]
    else:
        assert response["Content-Type"] == "application/json"
        json.loads(response.content)
    if outcomes is not None:
        outcomes[response.status_code] = outcomes.get(response.status_code, 0) + 1
    return response


@pytest.mark.django_db
def test_school_search_handles_hostile_query_strings(client, some_schools):
    outcomes = {}

    @fuzz_settings(300)
    @given(query=query_strings())
    def search(query):
        get(client, "/api/v1/schools", query, outcomes)

    search()
    # Both whole valid searches and refused ones were reached.
    assert outcomes.get(200, 0) >= 40 and outcomes.get(400, 0) >= 100, outcomes


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS[1:])
def test_lists_handle_hostile_query_strings(client, some_schools, path):
    @fuzz_settings(150)
    @given(query=query_strings(parameters=LIST_PARAMETERS))
    def listing(query):
        get(client, path, query)

    listing()


@pytest.mark.django_db
@pytest.mark.parametrize("path", DETAILS)
def test_details_handle_hostile_path_segments(client, some_schools, path):
    @fuzz_settings(80)
    @given(segment=st.one_of(path_segments, st.sampled_from(["29-2072", "51.0713", "rhit", "990100", "0" * 40])))
    def detail(segment):
        get(client, path.format(segment))

    detail()

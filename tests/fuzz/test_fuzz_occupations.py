"""Hostile query strings against the guide index's filters (/careers/) and hostile SOC codes against the occupation
pages: never a 5xx, never reflected raw; bad filter values get the form's messages."""

from collections import Counter

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import EmploymentProjectionFactory, OccupationFactory, WageEstimateFactory
from tests.fuzz.strategies import assert_handled_safely, fuzz_settings, path_segments, query_strings

INDEX = "/careers/"
INDEX_PARAMETERS = ["education", "min_pay", "growth", "sort"]

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]


@pytest.fixture
def occupations():
    EmploymentProjectionFactory(occupation=OccupationFactory(soc_code="00-0000"))
    for n, education in enumerate(["Postsecondary nondegree award", "Bachelor's degree", "Master's degree"]):
        occupation = OccupationFactory(soc_code=f"29-98{n:02d}")
        WageEstimateFactory(occupation=occupation, annual_median=40_000 + n * 10_000)
        EmploymentProjectionFactory(occupation=occupation, typical_entry_education=education)


def test_index_handles_hostile_query_strings(client, occupations):
    outcomes = Counter()
    parameters = st.one_of(st.sampled_from(INDEX_PARAMETERS), st.sampled_from(["x", "min_pay[]", "", "sort\x00"]))

    @fuzz_settings(200)
    @given(query=query_strings(parameters=parameters))
    def search(query):
        with transaction.atomic():
            response = client.get(INDEX, QUERY_STRING=query)
        assert_handled_safely(response, f"GET {INDEX}?{query[:300]}")
        assert response.status_code == 200, query[:300]
        outcomes["form errors" if b'class="error-summary"' in response.content else "lists"] += 1

    search()
    assert outcomes["form errors"] >= 20 and outcomes["lists"] >= 20, outcomes


def test_occupation_pages_handle_hostile_codes(client, occupations):
    @fuzz_settings(100)
    @given(segment=path_segments)
    def visit(segment):
        with transaction.atomic():
            response = client.get(f"/careers/occupations/{segment}/")
        assert_handled_safely(response, f"GET /careers/occupations/{segment[:100]}/")
        assert response.status_code in (404, 400, 301), segment[:100]

    visit()

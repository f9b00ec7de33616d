"""Hostile query strings against Find a School (/schools/) and compare: never a 5xx, never reflected raw.

Deterministic (see strategies.fuzz_settings); runs on SQLite and PostgreSQL with the rest of the suite. The schools
are the made-up ones around ZIP 35801 (tests/school_world.py), so plausible values reach real results: two pages of
cards, active filters with their remove links, page links and the CSV export, which echo the search's parameters.
"""

import os
from collections import Counter

import pytest
from django.db import connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import (
    SEARCH_PARAMETERS,
    assert_handled_safely,
    encode_value,
    fuzz_settings,
    hostile_values,
    query_strings,
    single_parameter,
)
from tests.school_world import build_school_world

SEARCH = "/schools/"
COMPARE = "/schools/compare/"

pytestmark = pytest.mark.fuzz


@pytest.fixture
def some_schools(shipped_content):
    """33 made-up schools with programs in the newest completions year, so a working search renders results (for
    the shipped Medical Biller and Coder guide)."""
    return build_school_world()


@pytest.fixture
def outcomes():
    """What the examples reached, so a test can show it got past validation (and not only to error summaries)."""
    return Counter()


def get(client, path, query, outcomes=None):
    # A savepoint per request: one example's database error cannot poison the next example.
    with transaction.atomic():
        response = client.get(path, QUERY_STRING=query)
    assert_handled_safely(response, f"GET {path}?{query[:300]}")
    if outcomes is not None:
        body = response.content if not getattr(response, "streaming", False) else b""
        if response["Content-Type"].startswith("text/csv"):
            outcomes["csv"] += 1
        elif b'class="school-card"' in body:
            outcomes["results"] += 1
        elif b'class="error-summary"' in body:
            outcomes["form errors"] += 1
        else:
            outcomes[str(response.status_code)] += 1
    return response


def fuzz_search(client, path=SEARCH, max_examples=300, outcomes=None, **settings):
    """Whole query strings: every parameter, in any combination, repeated."""

    @fuzz_settings(max_examples, **settings)
    @given(query=query_strings())
    def search(query):
        get(client, path, query, outcomes)

    search()


def fuzz_parameter(client, parameter, path=SEARCH, max_examples=80, **settings):
    """One parameter at a time (set once or repeated), so each gets its share of hostile values."""

    @fuzz_settings(max_examples, **settings)
    @given(query=single_parameter(parameter))
    def search(query):
        get(client, path, query)

    search()


@pytest.mark.django_db
def test_search_handles_hostile_query_strings(client, some_schools, outcomes):
    fuzz_search(client, outcomes=outcomes)
    # Not only error summaries: some examples were whole valid searches that listed schools.
    assert outcomes["results"] >= 40, outcomes
    assert outcomes["form errors"] >= 100, outcomes


# Valid searches that list schools, each with a page of results and links that repeat the query string.
RESULT_SEARCHES = [
    "zip=35801&radius=25",
    "zip=35801&radius=25&award=certificate-short&page=2",
    "career=medical-biller-and-coder&sort=completions",
    "state=AL&control=1&level=2",
    "program=51.0714&q=college",
    "career=medical-biller-and-coder&sort=net_price&include_closed=on",
    "state=AL&sort=earnings&include_closed=1",
]
# Names the search does not know: ignored, and left out of the page's links and of its cache key.
_unknown_names = st.one_of(
    st.sampled_from(["utm_source", "ref", "x", "q[]", "page[]", "PAGE", "__proto__", "csrfmiddlewaretoken"]),
    hostile_values.filter(lambda name: name not in SEARCH_PARAMETERS),
)


@pytest.mark.django_db
def test_search_results_carry_hostile_unknown_parameters_safely(client, some_schools, outcomes):
    @fuzz_settings(200)
    @given(
        base=st.sampled_from(RESULT_SEARCHES),
        extras=st.lists(st.tuples(_unknown_names, hostile_values), min_size=1, max_size=4),
    )
    def search(base, extras):
        query = "&".join([base, *(f"{encode_value(name)}={encode_value(value)}" for name, value in extras)])
        response = get(client, SEARCH, query, outcomes)
        assert response.status_code == 200, query[:300]
        assert b'class="school-card"' in response.content, f"no results for {query[:300]}"

    search()
    assert outcomes["results"] == sum(outcomes.values())


@pytest.mark.django_db
@pytest.mark.parametrize("parameter", SEARCH_PARAMETERS)
def test_each_search_parameter_handles_hostile_values(client, some_schools, parameter):
    fuzz_parameter(client, parameter)


@pytest.mark.django_db
def test_compare_handles_hostile_school_ids(client, some_schools):
    real_ids = st.sampled_from([school.unitid for school in some_schools.schools])

    @fuzz_settings(150)
    @given(query=query_strings(parameters=st.just("unitid"), max_pairs=6), real=st.lists(real_ids, max_size=3))
    def compare(query, real):
        get(client, COMPARE, "&".join([f"unitid={unitid}" for unitid in real] + [query]))

    compare()


# --- The harness can fail -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls("tests.fuzz.vulnerable_urls")
def test_harness_catches_a_reflected_payload(client):
    with pytest.raises(AssertionError, match="input reflected unescaped"):
        fuzz_parameter(client, "q", report_multiple_bugs=False)


@pytest.mark.django_db
@pytest.mark.urls("tests.fuzz.vulnerable_urls")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL rejects NUL bytes in a query")
def test_harness_catches_a_nul_byte_reaching_postgresql(client):
    with pytest.raises(ValueError, match="NUL"):
        fuzz_parameter(client, "state", path="/schools/raw-query/", report_multiple_bugs=False)


@pytest.mark.skipif(os.environ.get("FUZZ_PROFILE") == "explore", reason="FUZZ_PROFILE=explore is random on purpose")
def test_every_run_sends_the_same_hundreds_of_examples():
    # CI's red build must be reproducible locally: the same 300 query strings, in the same order, on every run.
    def examples():
        seen = []

        @fuzz_settings(300)
        @given(query=query_strings())
        def collect(query):
            seen.append(query)

        collect()
        return seen

    first, second = examples(), examples()
    assert len(first) == 300
    assert len(set(first)) > 250  # hundreds of different query strings, not a few repeated
    assert first == second

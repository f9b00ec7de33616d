"""Hostile query strings against Find a School (/schools/) and compare: never a 5xx, never reflected raw.

Deterministic (see strategies.fuzz_settings); runs on SQLite and PostgreSQL with the rest of the
suite. The search itself lands later: the harness runs now and starts biting when it does.
"""

import pytest
from django.db import connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import CareerFactory, InstitutionFactory, ProgramFactory, ZipCentroidFactory
from tests.fuzz.strategies import (
    SEARCH_PARAMETERS,
    assert_handled_safely,
    fuzz_settings,
    query_strings,
    single_parameter,
)

SEARCH = "/schools/"
COMPARE = "/schools/compare/"

pytestmark = pytest.mark.fuzz


@pytest.fixture
def some_schools(db):
    """A few rows, so a working search has results to render (with the input echoed around them)."""
    career = CareerFactory(short_name="Fuzz Career", slug="fuzz-career")
    zip_area = ZipCentroidFactory(zip_code="35801")
    schools = [InstitutionFactory(name=f"Fuzz College {n}", zip_code=zip_area.zip_code) for n in range(3)]
    for school in schools:
        ProgramFactory(institution=school)
    return career, schools


def get(client, path, query):
    # A savepoint per request: one example's database error cannot poison the next example.
    with transaction.atomic():
        response = client.get(path, QUERY_STRING=query)
    assert_handled_safely(response, f"GET {path}?{query[:300]}")
    return response


def fuzz_search(client, path=SEARCH, max_examples=300, **settings):
    """Whole query strings: every parameter, in any combination, repeated."""

    @fuzz_settings(max_examples, **settings)
    @given(query=query_strings())
    def search(query):
        get(client, path, query)

    search()


def fuzz_parameter(client, parameter, path=SEARCH, max_examples=80, **settings):
    """One parameter at a time (set once or repeated), so each gets its share of hostile values."""

    @fuzz_settings(max_examples, **settings)
    @given(query=single_parameter(parameter))
    def search(query):
        get(client, path, query)

    search()


@pytest.mark.django_db
def test_search_handles_hostile_query_strings(client, some_schools):
    fuzz_search(client)


@pytest.mark.django_db
@pytest.mark.parametrize("parameter", SEARCH_PARAMETERS)
def test_each_search_parameter_handles_hostile_values(client, some_schools, parameter):
    fuzz_parameter(client, parameter)


@pytest.mark.django_db
def test_compare_handles_hostile_school_ids(client, some_schools):
    _, schools = some_schools
    real_ids = st.sampled_from([school.unitid for school in schools])

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

"""Each API answer runs the same number of queries however many schools, programs, wages or occupations there are,
and a repeated answer (kept per content version) only reads the version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reference_data.models import CipCode, Occupation, WageEstimate
from schools.models import Completion, Program
from tests.factories import InstitutionFactory, OccupationFactory, WageEstimateFactory

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/api/v1/schools?career=medical-biller-and-coder&zip=35801&radius=250",
    "/api/v1/schools?program=51.0713&sort=completions",
    "/api/v1/occupations?major_group=29",
    "/api/v1/occupations/29-2072",
    "/api/v1/careers",
    "/api/v1/careers/medical-biller-and-coder",
    "/api/v1/certifications",
    "/api/v1/certifications/rhit",
    "/api/v1/cip?family=51",
    "/api/v1/cip/51.0713",
]


def grow(world, count):
    """``count`` more schools near Huntsville with programs, and ``count`` more occupations and wage areas."""
    coding = CipCode.objects.get(code="51.0713")
    for n in range(count):
        school = InstitutionFactory(state="AL", latitude=34.7 + n / 1000, longitude=-86.5, city="Huntsville")
        for award in ("20", "3"):
            program = Program.objects.create(institution=school, cip=coding, award_level=award)
            Completion.objects.create(program=program, year=2024, total=3 + n)
        OccupationFactory(soc_code=f"29-{3000 + n}")
    occupation = Occupation.objects.get(soc_code="29-2072")
    for n in range(count):
        WageEstimateFactory(
            occupation=occupation, area_type=WageEstimate.AreaType.METRO, area_code=f"9{n:04d}", period="2025-05-01"
        )


def query_counts(client, url):
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 200, url
    return len(first), len(again)


def test_every_answer_is_constant_query(client, school_world):
    from django.core.cache import cache

    from core.page_cache import forget_memoized

    small = {url: query_counts(client, url) for url in ADDRESSES}
    grow(school_world, 25)
    cache.clear()
    forget_memoized()
    larger = {url: query_counts(client, url) for url in ADDRESSES}
    assert larger == small
    for url, (first, again) in small.items():
        # The school search is the most: in a fresh process it reads the search index (five queries, once per content
        # version: schools/search_index.py) and the place tables (three) besides the form's options and the career.
        assert first <= 18, (url, first)
        # The content version only: the answer comes from the cache, unvalidated (as the HTML search's page does).
        assert again == 1, url

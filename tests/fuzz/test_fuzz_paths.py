"""Hostile path segments for the detail pages: a 404 (or the page), never a 5xx, never reflected raw."""

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import CareerFactory, CertificationFactory, InstitutionFactory
from tests.fuzz.strategies import assert_handled_safely, fuzz_settings, path_segments

pytestmark = pytest.mark.fuzz


def get(client, path):
    with transaction.atomic():
        response = client.get(path)
    assert_handled_safely(response, f"GET {path[:300]}")
    return response


@pytest.mark.django_db
def test_career_guide_slug_handles_hostile_values(client):
    CareerFactory(slug="fuzz-career")

    @fuzz_settings(200)
    @given(slug=path_segments)
    def career(slug):
        get(client, f"/careers/{slug}/")

    career()


@pytest.mark.django_db
def test_certification_slug_handles_hostile_values(client):
    CertificationFactory(slug="fuzz-cert")

    @fuzz_settings(100)
    @given(slug=path_segments)
    def certification(slug):
        get(client, f"/certifications/{slug}/")

    certification()


school_ids = st.one_of(
    st.just("990001"),  # the school that exists
    st.integers(min_value=0, max_value=10**12).map(str),
    st.sampled_from(["0", "000000000", "0990001", "990001 ", "-1", "1e5", "٩٩٠٠٠١"]),
    path_segments,
)


@pytest.mark.django_db
def test_school_page_handles_hostile_ids_and_slugs(client):
    InstitutionFactory(unitid="990001", slug="fuzz-college")

    @fuzz_settings(200)
    @given(unitid=school_ids, slug=st.one_of(st.just("fuzz-college"), path_segments))
    def school(unitid, slug):
        response = get(client, f"/schools/{unitid}-{slug}/")
        if unitid == "990001" and slug == "fuzz-college":
            assert response.status_code == 200

    school()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/careers/{}/", "/schools/{}-x/", "/no-such-page/{}"])
def test_404_page_never_reflects_the_address(client, path):
    response = get(client, path.format("%3Cscript%3Ehcgxss()%3C%2Fscript%3E"))
    assert response.status_code == 404
    assert "hcgxss" not in response.content.decode()

"""Every healthcare occupation's page: the data profile built from the official rows, the redirect to a staff
guide, missing values in words, and a fixed number of queries however many states, areas and programs."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Career
from reference_data.models import Occupation, WageEstimate
from tests.factories import (
    CareerFactory,
    CareerOccupationFactory,
    EmploymentProjectionFactory,
    OccupationFactory,
    WageEstimateFactory,
)
from tests.occupation_world import make_occupation

from .test_views import section, text_of

pytestmark = pytest.mark.django_db

STATE = WageEstimate.AreaType.STATE
METRO = WageEstimate.AreaType.METRO


@pytest.fixture
def all_occupations():
    return EmploymentProjectionFactory(occupation=OccupationFactory(soc_code="00-0000"), change_percent="3.1")


def test_the_address_is_the_soc_code():
    assert OccupationFactory(soc_code="29-1141").get_absolute_url() == "/careers/occupations/29-1141/"


@pytest.mark.usefixtures("all_occupations")
def test_a_profile_shows_every_section_with_its_source(client):
    occupation = make_occupation()
    older = datetime.date(2024, 5, 1)  # an older period's area: not in the newest count
    WageEstimateFactory(occupation=occupation, area_type=METRO, area_code="10999", area_name="Metro old", period=older)
    response = client.get(occupation.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    page = text_of(html)
    assert "We have not written a guide for this occupation" in page
    what = text_of(section(html, "what-they-do"))
    assert "Treat made-up patients with made-up therapy." in what and "Made-up Therapy Aide" in what
    assert "Plan made-up therapy sessions." in what and "O*NET 27.0 Database" in what
    education = text_of(section(html, "education"))
    assert "Typical education needed for entry Associate's degree" in education
    assert "Typical on-the-job training None" in education
    assert "3 of 5: medium preparation needed" in education
    assert "BLS Employment Projections, 2024-34" in education
    pay = text_of(section(html, "pay"))
    assert "$61,230" in pay and "BLS OEWS, May 2025" in pay and "12,340" in pay
    assert "State 001" in pay and "Metro 001" not in pay  # the areas have a page of their own
    areas_url = f"/careers/occupations/{occupation.soc_code}/areas/"
    assert f'<a href="{areas_url}">Pay in each of the ' in section(html, "pay")
    # The link counts the newest period's areas (make_occupation's two metros), not an older period's.
    assert "Pay in each of the 2 metropolitan and nonmetropolitan areas" in pay and "(BLS OEWS May 2025)" in pay
    areas = client.get(areas_url).content.decode()
    assert "Metro 001" in text_of(areas) and "metropolitan and nonmetropolitan area estimates" in text_of(areas)
    outlook = text_of(section(html, "outlook"))
    assert "8.2%" in outlook and "faster than the 3.1% projected for all occupations" in outlook
    programs = section(html, "programs")
    assert "/schools/?program=51." in programs and "Made-up Therapy 0" in programs
    assert 'href="/schools/?career=29-9801"' in html  # Find a School offers the occupation as a career
    assert "CIP 2020 to SOC 2018 crosswalk" in text_of(programs)
    related = section(html, "related-occupations")
    assert 'href="/careers/occupations/29-9805/"' in related
    assert 'href="/careers/occupations/29-9801/"' not in related


def test_missing_figures_are_said_in_words(client):
    occupation = make_occupation(on_the_job_training="", states=0, metros=0, programs=0, related=0)
    WageEstimateFactory(occupation=occupation, area_type=STATE, area_code="50", area_name="Vermont",
                        annual_median=None, employment=None)  # fmt: skip
    html = client.get(occupation.get_absolute_url()).content.decode()
    assert "Typical on-the-job training not published by BLS" in text_of(section(html, "education"))
    # The state table (the pay map's own table, before it, says the same in its words).
    table = re.search(r'<table class="state-wages[^"]*">.*?</table>', section(html, "pay"), flags=re.S).group(0)
    vermont = text_of(table).split("Vermont", 1)[1]
    assert vermont.split()[:5] == ["not", "available", "$35,000", "not", "available"]  # employed, 10th, median
    assert "$0" not in html
    assert "links no program of study to this occupation" in text_of(section(html, "programs"))


@pytest.mark.parametrize(
    "path",
    [
        "/careers/occupations/98-0001/",  # not a healthcare occupation
        "/careers/occupations/29-2098/",  # no longer in the SOC
        "/careers/occupations/29-9999/",  # no such occupation
        "/careers/occupations/29-1141x/",
        "/careers/occupations/291141/",
    ],
)
def test_only_current_healthcare_occupations_have_a_page(client, path):
    WageEstimateFactory(occupation=OccupationFactory(soc_code="98-0001"))
    WageEstimateFactory(occupation=OccupationFactory(soc_code="29-2098", in_current_soc=False))
    assert client.get(path).status_code == 404


def test_an_occupation_without_national_estimates_has_no_page(client):
    occupation = OccupationFactory(soc_code="29-9802")
    assert client.get(occupation.get_absolute_url()).status_code == 404
    assert not Occupation.objects.healthcare().filter(pk=occupation.pk).exists()


def test_an_occupation_with_a_published_guide_redirects_to_it(client):
    occupation = make_occupation()
    guide = CareerFactory()
    CareerOccupationFactory(career=guide, occupation=occupation)
    response = client.get(occupation.get_absolute_url())
    assert response.status_code == 301 and response.headers["Location"] == guide.get_absolute_url()
    html = client.get(guide.get_absolute_url()).content.decode()
    # The guide shows the same data sections as the profile.
    assert "State 001" in text_of(section(html, "pay"))
    assert f'<a href="/careers/occupations/{occupation.soc_code}/areas/">' in section(html, "pay")
    assert "/schools/?career=" in section(html, "programs")
    assert "Typical education needed for entry Associate's degree" in text_of(section(html, "education"))
    assert "Made-up Therapy Aide" in text_of(section(html, "what-they-do"))


def test_a_draft_guide_does_not_take_the_occupation_page(client):
    occupation = make_occupation()
    CareerOccupationFactory(career=CareerFactory(status=Career.Status.DRAFT), occupation=occupation)
    assert client.get(occupation.get_absolute_url()).status_code == 200


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("all_occupations")
def test_queries_do_not_grow_with_states_areas_and_programs(client):
    small = make_occupation("29-9811", states=1, metros=1, programs=1, related=1)
    large = make_occupation("29-9821", states=56, metros=120, programs=15, related=4)
    assert _queries(client, small.get_absolute_url()) == _queries(client, large.get_absolute_url()) <= 11


@pytest.mark.usefixtures("all_occupations")
def test_a_guide_page_with_a_large_profile_runs_constant_queries(client):
    counts = []
    for soc, size in (("29-9831", 1), ("29-9841", 60)):
        occupation = make_occupation(soc, states=size, metros=size, programs=min(size, 12), related=3)
        guide = CareerFactory()
        CareerOccupationFactory(career=guide, occupation=occupation)
        counts.append(_queries(client, guide.get_absolute_url()))
    assert counts[0] == counts[1]


def test_a_newer_period_replaces_the_older_one(client):
    occupation = make_occupation(metros=1)
    WageEstimateFactory(occupation=occupation, period=datetime.date(2026, 5, 1), annual_median=64_000)
    pay = text_of(section(client.get(occupation.get_absolute_url()).content.decode(), "pay"))
    assert "$64,000" in pay and "$61,230" not in pay


def test_a_broad_group_oews_publishes_in_place_of_its_occupations_has_a_page(client):
    # OEWS estimates 31-1120 (Home Health and Personal Care Aides) as one; the crosswalk lists only 31-1121/31-1122.
    aides = OccupationFactory(soc_code="31-1120", in_current_soc=False)
    WageEstimateFactory(occupation=aides)
    assert client.get(aides.get_absolute_url()).status_code == 200


def test_pay_by_area_has_its_own_page_with_every_area_and_its_source(client, django_assert_max_num_queries):
    """The long table of metro and nonmetro areas (523 for Registered Nurses) is a page of its own: one row per area,
    by name, each figure in words where BLS published none, under the occupation in the trail."""
    from django.core.cache import cache

    occupation = make_occupation(metros=3)  # Metro 000 to Metro 002
    url = f"/careers/occupations/{occupation.soc_code}/areas/"
    response = client.get(url)
    assert response.status_code == 200
    page = text_of(response.content.decode())
    assert f"{occupation.title}: pay by area" in page
    assert page.index("Metro 000") < page.index("Metro 001") < page.index("Metro 002")
    assert f"Annual wages by area, {occupation.title}, BLS OEWS May 2025" in page
    assert f'<a href="{occupation.get_absolute_url()}">{occupation.title}</a>' in response.content.decode()
    # Constant queries whatever the number of areas.
    cache.clear()
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    from reference_data.models import WageEstimate

    template = WageEstimate.objects.filter(occupation=occupation, area_type=WageEstimate.AreaType.METRO).first()
    for n in range(3, 40):
        template.pk, template.area_code, template.area_name = None, f"{10000 + n}", f"Metro {n:03d}"
        template.save()
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Metro 039" in client.get(url).content.decode()


def test_pay_by_area_is_a_404_without_areas_or_occupation(client):
    occupation = make_occupation(metros=0)
    assert client.get(f"/careers/occupations/{occupation.soc_code}/areas/").status_code == 404
    assert client.get("/careers/occupations/99-9999/areas/").status_code == 404

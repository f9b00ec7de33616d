"""Pay near you on a guide page: a ZIP code, "City, ST" or a state in (a GET form, no JavaScript); the metro, state
and national medians with their 10th-90th percentile ranges out. The figures are made up."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reference_data.models import WageEstimate
from tests.factories import (
    CareerFactory,
    CareerOccupationFactory,
    CountyAreaFactory,
    OccupationFactory,
    WageEstimateFactory,
    ZipCentroidFactory,
)
from tests.html import tags

from .test_views import CAREER_PAGE_QUERIES, CONTENT_VERSION_QUERIES

pytestmark = pytest.mark.django_db

MAY_2025 = datetime.date(2025, 5, 1)
AREA = WageEstimate.AreaType


@pytest.fixture
def guide():
    occupation = OccupationFactory(soc_code="29-8072", title="Test Records Specialists")
    career = CareerFactory(slug="test-coder", short_name="Test Coder")
    CareerOccupationFactory(career=career, occupation=occupation, is_primary=True)
    CountyAreaFactory(county_code="01089", name="Madison County", name_key="madison county", state="AL", cbsa="26620")
    CountyAreaFactory(county_code="01095", name="Marshall County", name_key="marshall county", state="AL",
                      cbsa="10700", cbsa_type=2)  # fmt: skip
    ZipCentroidFactory(zip_code="35801", latitude=34.73, longitude=-86.57)
    figures = [
        (AREA.NATIONAL, "99", "U.S.", "", 51140, 35000, 80000),
        (AREA.STATE, "01", "Alabama", "AL", 43810, 30500, 66000),
        (AREA.METRO, "26620", "Huntsville, AL", "AL", 39500, 30100, 52200),
    ]
    for area_type, code, name, state, median, p10, p90 in figures:
        WageEstimateFactory(
            occupation=occupation, period=MAY_2025, area_type=area_type, area_code=code, area_name=name, state=state,
            annual_median=median, annual_p10=p10, annual_p90=p90,
        )  # fmt: skip
    # An older metro figure is never shown beside the newest national one.
    WageEstimateFactory(occupation=occupation, period=datetime.date(2024, 5, 1), area_type=AREA.METRO,
                        area_code="26620", area_name="Huntsville, AL", state="AL", annual_median=37000)  # fmt: skip
    return career


def pay_section(client, career, **params):
    response = client.get(career.get_absolute_url(), params)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<section class="pay-near-you".*?</section>', html, flags=re.S)
    assert match, "no Pay near you section"
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(0))).split())
    return match.group(0), re.sub(r" ([:.,])", r"\1", text)


def test_the_form_is_a_plain_get_form_on_the_guide(client, guide):
    html, text = pay_section(client, guide)
    form = tags(html, "form")[0][1]
    assert form["method"] == "get" and form["action"] == "#pay-near-you"
    assert [attrs["name"] for _, attrs in tags(html, "input")] == ["near"]
    assert "ZIP code, city or state" in text and "Median annual pay" not in text


def test_a_zip_in_a_metro_area_shows_metro_state_and_nation_with_ranges(client, guide):
    _, text = pay_section(client, guide, near="35801")
    assert "Median annual pay for Test Records Specialists near 35801 (Huntsville, AL):" in text
    assert "Huntsville, AL metro area $39,500 $30,100 to $52,200" in text
    assert "Alabama $43,810 $30,500 to $66,000" in text
    assert "United States $51,140 $35,000 to $80,000" in text
    assert "BLS Occupational Employment and Wage Statistics (OEWS), May 2025" in text
    assert "$37,000" not in text


def test_a_zip_without_a_metro_area_says_so_and_shows_the_state(client, guide):
    _, text = pay_section(client, guide, near="35976")  # Guntersville: Marshall County, micropolitan
    assert "Marshall County is not in a metropolitan area. The state's figure is shown instead." in text
    assert "metro area $" not in text
    assert "Alabama $43,810" in text and "United States $51,140" in text


def test_a_state_shows_the_state_and_nation(client, guide):
    _, text = pay_section(client, guide, near="alabama")
    assert "near Alabama:" in text and "Alabama $43,810" in text and "metro area $" not in text


def test_a_city_and_state(client, guide):
    _, text = pay_section(client, guide, near="Huntsville, AL")
    assert "near Huntsville, AL:" in text and "Huntsville, AL metro area $39,500" in text


def test_a_state_without_figures_says_so_in_words(client, guide):
    _, text = pay_section(client, guide, near="TX")
    assert "Texas not published by BLS for this area" in text and "$0" not in text


@pytest.mark.parametrize(("typed", "message"), [
    ("99999", "We don't know ZIP code 99999"),
    ("Springfeld, IL", "We couldn't find “Springfeld, IL”"),
    ("", "Enter a ZIP code, a city and state, or a state."),
    ("x" * 61, "Enter a place of 60 characters or fewer."),
    ("35801\x00", "Null characters are not allowed."),
    ("35801\x1b", "Remove the control characters"),
])  # fmt: skip
def test_bad_places_are_form_errors_and_never_cached(client, guide, typed, message):
    html, text = pay_section(client, guide, near=typed)
    assert message in text
    field = [attrs for _, attrs in tags(html, "input") if attrs.get("name") == "near"][0]
    assert field.get("aria-invalid") == "true"
    assert "\x00" not in html and "\x1b" not in html  # the box shows what was typed, minus control characters
    # Rendered again on the next request: an error page is not kept (a cached page reads only the content version).
    with CaptureQueriesContext(connection) as captured:
        client.get(guide.get_absolute_url(), {"near": typed})
    assert len(captured) > CONTENT_VERSION_QUERIES


def test_pay_near_you_adds_a_fixed_number_of_queries(client, guide, django_assert_num_queries):
    occupation = guide.career_occupations.get().occupation
    for code in range(1, 57):  # many states and metros: still one query for the three areas
        WageEstimateFactory(occupation=occupation, area_type=AREA.METRO, area_code=f"{10100 + code}",
                            area_name=f"Metro {code:02d}", state="AL")  # fmt: skip
    # The guide's own queries, the place tables (the content version, the ZIP centroids and the counties, once per
    # version: reference_data/places.py), and the pay of its three areas.
    with django_assert_num_queries(CONTENT_VERSION_QUERIES + CAREER_PAGE_QUERIES + 4):
        assert client.get(guide.get_absolute_url(), {"near": "35801"}).status_code == 200
    # The same place again is the cached page.
    with django_assert_num_queries(CONTENT_VERSION_QUERIES):
        assert client.get(guide.get_absolute_url(), {"near": "35801"}).status_code == 200

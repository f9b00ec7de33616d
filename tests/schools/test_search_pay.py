"""Find a School's pay line: the career's median in the searched place's metro area, its state and the nation, each
with its source and period; and each card's pay in the school's own metro area. Made-up figures throughout."""

import datetime
import re
from html import unescape

import pytest

from reference_data.models import WageEstimate
from schools.models import Institution
from tests.factories import CountyAreaFactory, WageEstimateFactory

from .helpers import search

pytestmark = pytest.mark.django_db

MAY_2025, MAY_2024 = datetime.date(2025, 5, 1), datetime.date(2024, 5, 1)
METRO = WageEstimate.AreaType.METRO


@pytest.fixture
def metros(world):
    """Madison County (35801) is in the Huntsville metro area, with pay in both periods; Birmingham's metro has pay
    in the newest period only. No other county is known, so other ZIP codes fall back to the state."""
    CountyAreaFactory(county_code="01089", name="Madison County", name_key="madison county", state="AL", cbsa="26620")
    Institution.objects.filter(pk=world.schools["huntsville"].pk).update(cbsa="26620")
    Institution.objects.filter(pk=world.schools["birmingham"].pk).update(cbsa="13820")
    for period, median in ((MAY_2025, 39500), (MAY_2024, 37000)):
        WageEstimateFactory(
            occupation=world.occupation, period=period, annual_median=median, annual_p10=30100, annual_p90=52200,
            area_type=METRO, area_code="26620", area_name="Huntsville, AL", state="AL",
        )  # fmt: skip
    WageEstimateFactory(
        occupation=world.occupation, period=MAY_2025, annual_median=45500,
        area_type=METRO, area_code="13820", area_name="Birmingham, AL", state="AL",
    )  # fmt: skip
    return world


def page_text(response):
    assert response.status_code == 200
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
    return re.sub(r" ([:.,])", r"\1", text)  # "(Huntsville, AL) :" where a tag closed before the colon


def test_the_pay_line_shows_the_metro_state_and_nation_with_source(client, metros):
    text = page_text(search(client, career="test-coder", zip="35801"))
    assert "Median annual pay for Test Records Specialists near 35801 (Huntsville, AL):" in text
    # The newest period's metro figure (not May 2024's $37,000), beside Alabama's and the nation's.
    assert "Huntsville, AL metro area $39,500 $30,100 to $52,200" in text
    assert "Alabama $43,810" in text
    assert "United States $51,140" in text
    assert "BLS Occupational Employment and Wage Statistics (OEWS), May 2025" in text
    assert "$37,000" not in text


def test_each_card_adds_its_own_metro_area_where_oews_publishes_one(client, metros):
    text = page_text(search(client, career="test-coder", zip="35801", radius="250"))
    assert "$39,500 in the Huntsville, AL metro area" in text
    assert "$45,500 in the Birmingham, AL metro area" in text
    # Montgomery's school has no CBSA here: its card names no metro area.
    assert text.count("metro area, $51,140 nationally") == 2


def test_a_place_without_a_metro_says_so_and_shows_the_state(client, metros):
    text = page_text(search(client, career="test-coder", zip="77001"))  # Harris County: not known here
    assert "Harris County has no school in the IPEDS directory, so we could not match it to a metro area." in text
    assert "The state's figure is shown instead." in text
    assert "Texas not published by BLS for this area" in text  # the world has no Texas figure
    assert "United States $51,140" in text


def test_a_city_search_has_the_pay_line_and_distances(client, metros):
    text = page_text(search(client, career="test-coder", zip="huntsville al", radius="25"))
    assert "near Huntsville, AL:" in text and "Huntsville, AL metro area $39,500" in text
    assert "miles from Huntsville, AL" in text
    assert "Within 25 miles of Huntsville, AL" in text


def test_no_pay_line_without_a_career_or_a_place(client, metros):
    assert "Median annual pay for" not in page_text(search(client, zip="35801"))
    assert "Median annual pay for" not in page_text(search(client, career="test-coder"))


def test_an_unknown_place_is_a_form_error_naming_what_was_typed(client, metros):
    text = page_text(search(client, career="test-coder", zip="Springfeld, IL"))
    assert "We couldn't find “Springfeld, IL”. Check the spelling, or enter a 5-digit ZIP code." in text

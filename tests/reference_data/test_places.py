"""Places: any US ZIP code (the Census centroid first, the zipcodes package for the rest), "City, ST", a state where
a page allows it, and the metro area through the county (reference_data/places.py). The points and counties of the
zipcodes package are real (it is a dependency, not a data file); the CountyArea rows and centroids are made up."""

import re

import pytest

from imports.services import run_import
from reference_data.models import CountyArea
from reference_data.places import CITY, STATE, ZCTA, ZIPCODES, PlaceNotFound, county_key, resolve_place
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def counties():
    factories.CountyAreaFactory(county_code="48201", name="Harris County", name_key="harris county", state="TX",
                                cbsa="26420")  # fmt: skip
    factories.CountyAreaFactory(county_code="01089", name="Madison County", name_key="madison county", state="AL",
                                cbsa="26620")  # fmt: skip
    factories.CountyAreaFactory(county_code="29510", name="St. Louis city", name_key=county_key("St. Louis city"),
                                state="MO", cbsa="41180")  # fmt: skip
    factories.CountyAreaFactory(county_code="01095", name="Marshall County", name_key="marshall county", state="AL",
                                cbsa="10700", cbsa_type=CountyArea.CbsaType.MICROPOLITAN)  # fmt: skip


@pytest.mark.parametrize(("zip_code", "city", "state", "cbsa"), [
    ("77001", "Houston", "TX", "26420"), ("35807", "Huntsville", "AL", "26620"),
    ("30301", "Atlanta", "GA", ""), ("85001", "Phoenix", "AZ", ""),
])  # fmt: skip
def test_po_box_zip_codes_the_census_file_lacks_are_found(counties, zip_code, city, state, cbsa):
    place = resolve_place(zip_code)
    assert place.found_by == ZIPCODES and place.has_point
    assert (place.zip_code, place.state, place.cbsa) == (zip_code, state, cbsa)
    assert place.label == f"{zip_code} ({city}, {state})"
    if not cbsa:  # no CountyArea row for Fulton or Maricopa County here: the note says so
        assert "no school in the IPEDS directory" in place.metro_note


def test_the_census_centroid_comes_first_where_it_has_the_zip(counties):
    factories.ZipCentroidFactory(zip_code="35801", latitude=34.5, longitude=-86.25)
    place = resolve_place("35801")
    assert (place.found_by, place.latitude, place.longitude) == (ZCTA, 34.5, -86.25)
    # The county still comes from the zipcodes package: Madison County, so the Huntsville metro area.
    assert (place.county, place.cbsa, place.metro_note) == ("Madison County", "26620", "")


def test_a_zip_plus_four_is_its_zip(counties):
    assert resolve_place("77001-1234").zip_code == "77001"


@pytest.mark.parametrize("typed", ["Houston, TX", "houston tx", "  HOUSTON ,  tx ", "Houston, Texas", "Houston,TX"])
def test_city_and_state_in_any_case_and_spacing(counties, typed):
    place = resolve_place(typed)
    assert (place.label, place.state, place.found_by, place.county, place.cbsa) == (
        "Houston, TX", "TX", CITY, "Harris County", "26420"
    )  # fmt: skip
    # The mean of Houston's street ZIP codes lies in the city (downtown is about 29.76 N, 95.37 W).
    assert 29.6 < place.latitude < 30.0 and -95.6 < place.longitude < -95.2


def test_saint_and_st_are_one_city_and_one_county(counties):
    assert resolve_place("St. Louis, MO").label == resolve_place("Saint Louis, MO").label
    assert resolve_place("63101").cbsa == "41180"  # zipcodes writes "Saint Louis City", IPEDS "St. Louis city"


def test_a_micropolitan_county_has_no_metro_and_says_so(counties):
    place = resolve_place("Guntersville, AL")
    assert place.cbsa == "" and place.metro_note == "Marshall County is not in a metropolitan area."


def test_a_state_only_where_the_page_allows_it(counties):
    for typed in ("Alabama", "al", "AL"):
        place = resolve_place(typed, allow_state=True)
        assert (place.state, place.found_by, place.has_point, place.label) == ("AL", STATE, False, "Alabama")
    with pytest.raises(PlaceNotFound, match="couldn't read “Alabama” as a place"):
        resolve_place("Alabama")


@pytest.mark.parametrize(("typed", "message"), [
    ("99999", "We don't know ZIP code 99999"),
    ("09001", "ZIP code 09001 is a military (APO/FPO) address"),
    ("3580", "“3580” is not a ZIP code"),
    ("٣٥٨٠١", "is not a ZIP code"),
    ("Atlantis, TX", "We couldn't find “Atlantis, TX”"),
    ("Houston, ZZ", "We couldn't read “Houston, ZZ” as a place"),
    ("Houston", "We couldn't read “Houston” as a place"),
    ("", "Enter a ZIP code or a city and state"),
])  # fmt: skip
def test_unknown_places_name_what_was_typed(counties, typed, message):
    with pytest.raises(PlaceNotFound, match=re.escape(message)):
        resolve_place(typed)


def test_the_directory_import_writes_each_county_with_its_cbsa(fixtures_dir):
    run_import("ipeds-hd", fixtures_dir / "ipeds-hd" / "hd2024.csv")
    rows = {row.county_code: row for row in CountyArea.objects.all()}
    # Rows without COUNTYNM (100005, 100006) name no county.
    assert set(rows) == {"01101", "72127", "55025"}
    montgomery = rows["01101"]
    assert (montgomery.name, montgomery.name_key, montgomery.state, montgomery.cbsa, montgomery.cbsa_type) == (
        "Montgomery County", "montgomery county", "AL", "33860", CountyArea.CbsaType.METROPOLITAN
    )  # fmt: skip
    assert (rows["55025"].cbsa, rows["55025"].cbsa_type) == ("", None)  # -2: in no CBSA
    assert resolve_place("36104").cbsa == "33860"  # a Montgomery ZIP code now finds its metro area

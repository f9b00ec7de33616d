"""Selectors: career programs, distances in the database, wages."""

import datetime

import pytest

from reference_data.models import CipCode, WageEstimate
from schools import selectors
from schools.career_programs import RelatedProgram, career_programs
from schools.models import CareerProgram, Institution
from tests.factories import (
    CareerFactory,
    CareerOccupationFactory,
    CareerProgramFactory,
    CipCodeFactory,
    CipSocLinkFactory,
    CompletionFactory,
    InstitutionFactory,
    OccupationFactory,
    ProgramFactory,
    WageEstimateFactory,
)

from .conftest import HUNTSVILLE_35801, haversine_miles

pytestmark = pytest.mark.django_db


def _codes(cip_ids):
    return {CipCode.objects.get(pk=pk).code for pk in cip_ids}


def test_a_career_naming_no_programs_matches_the_crosswalk_minus_excludes(db):
    occupation = OccupationFactory(soc_code="29-8072")
    coding, him = (CipCodeFactory(code=code) for code in ("51.0713", "51.0707"))
    family = CipCodeFactory(code="51.07", digits=4)
    for cip in (coding, him, family):
        CipSocLinkFactory(cip=cip, occupation=occupation)
    career = CareerFactory()
    CareerOccupationFactory(career=career, occupation=occupation)
    CareerProgramFactory(career=career, cip=him, action=CareerProgram.Action.EXCLUDE)

    chosen = career_programs(career)
    # Only 6-digit programs; the 4-digit series never stands in for its programs.
    assert _codes(chosen.cip_ids) == {"51.0713"}
    assert chosen.related == ()


def test_a_career_naming_programs_matches_them_alone_and_the_crosswalk_rest_is_related(db):
    occupation = OccupationFactory(soc_code="29-8072")
    coding, him, billing, registry = (
        CipCodeFactory(code=code) for code in ("51.0713", "51.0707", "51.0714", "51.0721")
    )
    for cip in (coding, him, registry):
        CipSocLinkFactory(cip=cip, occupation=occupation)
    career = CareerFactory()
    CareerOccupationFactory(career=career, occupation=occupation)
    CareerProgramFactory(career=career, cip=billing, credentials=["certificate-long"])
    CareerProgramFactory(career=career, cip=coding, credentials=[])
    CareerProgramFactory(career=career, cip=registry, action=CareerProgram.Action.EXCLUDE)

    chosen = career_programs(career)
    assert {CipCode.objects.get(pk=pk).code: levels for pk, levels in chosen.direct} == {
        "51.0714": ("2", "4"),
        "51.0713": (),
    }
    # The crosswalk's other code is related; an excluded one is neither.
    assert [program.code for program in chosen.related] == ["51.0707"]


def test_a_career_search_matches_its_programs_only_at_their_credentials(db):
    occupation = OccupationFactory(soc_code="31-9092")
    assisting, anesthesia = CipCodeFactory(code="51.0801"), CipCodeFactory(code="51.0809")
    for cip in (assisting, anesthesia):
        CipSocLinkFactory(cip=cip, occupation=occupation)
    career = CareerFactory()
    CareerOccupationFactory(career=career, occupation=occupation)
    CareerProgramFactory(career=career, cip=assisting, credentials=["certificate-long", "associate"])
    certificate_school, masters_school, anesthesia_school = (
        InstitutionFactory(),
        InstitutionFactory(),
        InstitutionFactory(),
    )
    for school, cip, level in (
        (certificate_school, assisting, "2"),
        (masters_school, assisting, "7"),
        (anesthesia_school, anesthesia, "3"),
    ):
        CompletionFactory(program=ProgramFactory(institution=school, cip=cip, award_level=level), year=2024)

    criteria = selectors.ProgramCriteria.build(career=career)
    found = set(selectors.schools_offering(Institution.objects.all(), criteria))
    assert found == {certificate_school}
    assert criteria.related == (RelatedProgram("51.0809", anesthesia.title),)
    rows = list(selectors.school_search_rows(criteria=selectors.SchoolSearchCriteria(programs=criteria)))
    assert [(row["unitid"], row["award_level"]) for row in rows] == [(certificate_school.unitid, "2")]


def test_bounding_box_holds_the_circle():
    box = selectors.bounding_box(*HUNTSVILLE_35801, 100)
    # Due north, south, east and west at 99.9 miles stay inside the box.
    assert box.min_latitude < HUNTSVILLE_35801[0] - 99.9 / 69.2 < HUNTSVILLE_35801[0] + 99.9 / 69.2 < box.max_latitude
    assert box.max_longitude - HUNTSVILLE_35801[1] > 100 / 57  # a degree of longitude is ~56.8 miles at 34.7°N


def test_bounding_box_drops_longitude_near_the_antimeridian_and_poles():
    assert selectors.bounding_box(52.0, 179.5, 100).min_longitude is None  # Aleutians
    assert selectors.bounding_box(88.5, 0.0, 100).min_longitude is None


@pytest.mark.parametrize(
    "point",
    [
        (33.5186, -86.8104),  # Birmingham
        (34.724611, -86.565541),  # the same point: rounding must not push asin/acos out of range
        (-34.724611, 93.434459),  # the antipode
        (13.4443, 144.7937),  # Guam
        (64.8378, -147.7164),  # Fairbanks
    ],
)
def test_distance_in_the_database_matches_python(db, point):
    school = InstitutionFactory(latitude=point[0], longitude=point[1])
    annotated = selectors.with_distance(Institution.objects.filter(pk=school.pk), *HUNTSVILLE_35801).get()
    assert annotated.distance_miles == pytest.approx(haversine_miles(HUNTSVILLE_35801, point), abs=0.01)


def test_radius_filter_is_inclusive_and_exact_past_the_box(db):
    # Inside the bounding box's corner but beyond the radius: the exact distance must exclude it.
    corner = InstitutionFactory(name="Corner", latitude=HUNTSVILLE_35801[0] + 1.3, longitude=HUNTSVILLE_35801[1] + 1.6)
    near = InstitutionFactory(name="Near", latitude=HUNTSVILLE_35801[0] + 1.3, longitude=HUNTSVILLE_35801[1])
    box = selectors.bounding_box(*HUNTSVILLE_35801, 100)
    assert box.max_latitude > corner.latitude and box.max_longitude > corner.longitude
    within = selectors.with_distance(Institution.objects.all(), *HUNTSVILLE_35801, radius_miles=100)
    assert list(within.values_list("name", flat=True)) == ["Near"]
    assert near.pk and haversine_miles(HUNTSVILLE_35801, (corner.latitude, corner.longitude)) > 100


def test_the_radius_keeps_a_school_just_inside_and_drops_one_just_outside(db):
    # 1 degree of latitude is 69.09 miles on this Earth radius: due north, 25 miles is about 0.3618 degrees.
    degrees_per_mile = 1 / (3958.76 * 3.141592653589793 / 180)
    lat, lon = HUNTSVILLE_35801
    InstitutionFactory(name="Inside", latitude=lat + 24.99 * degrees_per_mile, longitude=lon)
    InstitutionFactory(name="Outside", latitude=lat + 25.01 * degrees_per_mile, longitude=lon)
    within = selectors.with_distance(Institution.objects.all(), lat, lon, radius_miles=25)
    assert list(within.values_list("name", flat=True)) == ["Inside"]


def test_the_radius_search_prefilters_on_the_indexed_latitude_and_longitude(db):
    # The bounding box comes before the trigonometry, as plain comparisons the lat/lon index can answer.
    box = selectors.bounding_box(*HUNTSVILLE_35801, 50)
    sql = str(selectors.with_distance(Institution.objects.all(), *HUNTSVILLE_35801, radius_miles=50).query)
    where = sql.split(" WHERE ", 1)[1]
    for column, bound in (("latitude", box.min_latitude), ("latitude", box.max_latitude),
                          ("longitude", box.min_longitude), ("longitude", box.max_longitude)):  # fmt: skip
        assert f'"schools_institution"."{column}" >= {bound}' in where or (
            f'"schools_institution"."{column}" <= {bound}' in where
        ), (column, bound, where)


def test_career_wages_newest_period_in_one_query(db, django_assert_num_queries):
    occupation = OccupationFactory(soc_code="29-8072", title="Test Records Specialists")
    secondary = OccupationFactory(soc_code="29-8021")
    career = CareerFactory()
    CareerOccupationFactory(career=career, occupation=secondary, is_primary=False)
    CareerOccupationFactory(career=career, occupation=occupation, is_primary=True)
    WageEstimateFactory(occupation=occupation, period=datetime.date(2025, 5, 1), annual_median=51140)
    WageEstimateFactory(occupation=occupation, period=datetime.date(2024, 5, 1), annual_median=1)
    WageEstimateFactory(occupation=secondary, period=datetime.date(2025, 5, 1), annual_median=2)
    for state, code, median in (("AL", "01", 43810), ("TX", "48", 45000)):
        WageEstimateFactory(
            occupation=occupation, period=datetime.date(2025, 5, 1), annual_median=median,
            area_type=WageEstimate.AreaType.STATE, area_code=code, area_name=state, state=state,
        )  # fmt: skip
    with django_assert_num_queries(1):
        wages = selectors.career_wages(career)
    assert wages.national.annual_median == 51140
    assert wages.for_state("AL").annual_median == 43810
    assert wages.for_state("TX").annual_median == 45000
    assert wages.for_state("GA") is None
    assert wages.source_label == "BLS OEWS, May 2025"
    assert wages.occupation_title == "Test Records Specialists"


def test_career_without_wages(db):
    wages = selectors.career_wages(CareerFactory())
    assert wages.national is None and wages.source_label == ""


def test_year_labels():
    assert selectors.academic_year_label(2024) == "2023-24"
    assert selectors.academic_year_label(2000) == "1999-00"
    assert selectors.directory_year_label(2024) == "2024-25"


def test_the_school_page_links_a_program_to_a_career_only_where_the_career_matches_it(db):
    occupation = OccupationFactory(soc_code="31-9092")
    assisting, anesthesia, unnamed = (CipCodeFactory(code=code) for code in ("51.0801", "51.0809", "51.0899"))
    for cip in (assisting, anesthesia):
        CipSocLinkFactory(cip=cip, occupation=occupation)
    naming = CareerFactory(short_name="Named")
    CareerOccupationFactory(career=naming, occupation=occupation)
    CareerProgramFactory(career=naming, cip=assisting, credentials=["certificate-long"])
    crosswalk_only = CareerFactory(short_name="Crosswalk")
    CareerOccupationFactory(career=crosswalk_only, occupation=occupation)
    school = InstitutionFactory()
    for cip, level in ((assisting, "2"), (assisting, "7"), (anesthesia, "7"), (unnamed, "2")):
        CompletionFactory(program=ProgramFactory(institution=school, cip=cip, award_level=level), year=2024)

    programs, _ = selectors.school_health_programs(school)
    leads_to = {(p.cip.code, p.award_level): [c.short_name for c in p.careers] for p in programs}
    assert leads_to == {
        ("51.0801", "2"): ["Crosswalk", "Named"],
        ("51.0801", "7"): ["Crosswalk"],  # the naming career stops at certificates
        ("51.0809", "7"): ["Crosswalk"],  # a related program of the naming career, not one it leads from
        ("51.0899", "2"): [],
    }

"""A small, made-up world for the Find a School tests: real places (so distances are known), invented schools."""

import datetime
import math
from dataclasses import dataclass, field

import pytest

from reference_data.models import AwardGroup, WageEstimate
from schools.models import CareerProgram, Institution, Program
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
    ZipCentroidFactory,
)

HUNTSVILLE_35801 = (34.724611, -86.565541)  # Census Gazetteer internal point of ZCTA 35801
NEWEST_YEAR = 2024


def haversine_miles(a, b):
    """Independent of the app's database expression: plain Python, same Earth radius."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 3958.76 * math.asin(math.sqrt(min(1.0, h)))


def add_program(school, cip, award_level, totals):
    """A program with completions by year, e.g. totals={2024: 12, 2023: 9}."""
    program = ProgramFactory(institution=school, cip=cip, award_level=award_level)
    for year, total in totals.items():
        CompletionFactory(program=program, year=year, total=total)
    return program


@dataclass
class World:
    career: object = None
    occupation: object = None
    cips: dict = field(default_factory=dict)
    schools: dict = field(default_factory=dict)

    def names(self, *keys):
        return {self.schools[key].name for key in keys}


@pytest.fixture
def world(db):
    w = World()
    w.cips = {
        "coding": CipCodeFactory(code="51.0713", title="Medical Insurance Coding Specialist/Coder."),
        "billing": CipCodeFactory(code="51.0714", title="Medical Insurance Specialist/Medical Biller."),
        "him": CipCodeFactory(code="51.0707", title="Health Information/Medical Records Technology/Technician."),
        "nursing": CipCodeFactory(code="51.3801", title="Registered Nursing/Registered Nurse."),
        "business": CipCodeFactory(code="52.0201", title="Business Administration and Management, General."),
    }
    CipCodeFactory(code="51", title="HEALTH PROFESSIONS AND RELATED PROGRAMS.", digits=2)
    # Made-up SOC codes: content/ ships the real 29-2072 and its May 2025 figures.
    w.occupation = OccupationFactory(soc_code="29-8072", title="Test Records Specialists")
    nurse_occupation = OccupationFactory(soc_code="29-8141", title="Test Nurses")
    CipSocLinkFactory(cip=w.cips["coding"], occupation=w.occupation)
    CipSocLinkFactory(cip=w.cips["him"], occupation=w.occupation)
    CipSocLinkFactory(cip=w.cips["nursing"], occupation=nurse_occupation)

    w.career = CareerFactory(short_name="Test Coder", slug="test-coder")
    CareerOccupationFactory(career=w.career, occupation=w.occupation, is_primary=True)
    # The career names its programs, as the shipped guides do (content/careers): the two crosswalk codes and 51.0714,
    # which the crosswalk maps elsewhere, at every credential.
    for key in ("coding", "him", "billing"):
        CareerProgramFactory(career=w.career, cip=w.cips[key], action=CareerProgram.Action.INCLUDE)

    ZipCentroidFactory(zip_code="35801", latitude=HUNTSVILLE_35801[0], longitude=HUNTSVILLE_35801[1])

    def school(key, name, lat, lon, state, **kwargs):
        w.schools[key] = InstitutionFactory(name=name, latitude=lat, longitude=lon, state=state, **kwargs)
        return w.schools[key]

    level = Program.AwardLevel
    c = w.cips
    s = school("huntsville", "Rocket City Community College", 34.7304, -86.5861, "AL", alias="RCCC")
    add_program(s, c["coding"], level.ASSOCIATE, {2024: 12, 2023: 9})
    add_program(s, c["billing"], level.CERT_12_WEEKS_TO_1_YEAR, {2024: 5})
    s = school(
        "birmingham", "Magic City Career Institute", 33.5186, -86.8104, "AL",
        control=Institution.Control.PRIVATE_FOR_PROFIT, level=Institution.Level.UNDER_TWO_YEAR, city="Birmingham",
    )  # fmt: skip
    add_program(s, c["coding"], level.CERT_12_WEEKS_TO_1_YEAR, {2024: 30})
    s = school(
        "atlanta", "Peachtree University", 33.7490, -84.3880, "GA",
        control=Institution.Control.PRIVATE_NONPROFIT, level=Institution.Level.FOUR_YEAR, city="Atlanta",
    )  # fmt: skip
    add_program(s, c["him"], level.BACHELOR, {2024: 40})
    s = school("montgomery", "Capitol Nursing School", 32.3668, -86.3000, "AL", city="Montgomery")
    add_program(s, c["nursing"], level.ASSOCIATE, {2024: 80})
    # A coding associate and a nursing certificate: no match for "coding, certificate" (different programs).
    add_program(s, c["nursing"], level.CERT_12_WEEKS_TO_1_YEAR, {2024: 3})
    add_program(s, c["coding"], level.ASSOCIATE, {2024: 2})
    s = school("memphis", "Bluff City College", 35.1495, -90.0490, "TN", city="Memphis")
    add_program(s, c["coding"], level.CERT_1_TO_2_YEARS, {2024: 7})
    s = school("closed", "Shuttered Coding Academy", 34.7300, -86.5800, "AL", is_active=False)
    add_program(s, c["coding"], level.ASSOCIATE, {2024: 4})
    s = school("stale", "Yesteryear Health College", 34.7400, -86.6000, "AL")
    add_program(s, c["coding"], level.ASSOCIATE, {2023: 6})
    s = school("business", "Commerce Only College", 34.7350, -86.5900, "AL")
    add_program(s, c["business"], level.BACHELOR, {2024: 50})

    may_2025, may_2024 = datetime.date(2025, 5, 1), datetime.date(2024, 5, 1)
    WageEstimateFactory(occupation=w.occupation, period=may_2025, annual_median=51140)
    WageEstimateFactory(occupation=w.occupation, period=may_2024, annual_median=48000)
    WageEstimateFactory(
        occupation=w.occupation, period=may_2025, annual_median=43810,
        area_type=WageEstimate.AreaType.STATE, area_code="01", area_name="Alabama", state="AL",
    )  # fmt: skip
    WageEstimateFactory(
        occupation=w.occupation, period=may_2024, annual_median=41000,
        area_type=WageEstimate.AreaType.STATE, area_code="13", area_name="Georgia", state="GA",
    )  # fmt: skip
    return w


AWARD = AwardGroup

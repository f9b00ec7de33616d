"""Made-up schools around Huntsville, Alabama (ZIP 35801), and a cluster around Houston, Texas (ZIP 77001): the
browser journeys and page scans, the API, SEO and fuzz tests.

Enough of them for two pages of results in every search the journeys make, at known distances and award levels:

- 24 schools within 25 miles of 35801 offer a Medical Biller and Coder certificate of under a year (51.0714 billing,
  staff-included by the shipped guide, or 51.0713 coding, linked to 29-2072 through the crosswalk here);
- 3 more within 25 miles offer only an associate degree in coding, and 1 only nursing (no match for the career);
- 4 lie 40 to 90 miles away, and 1 in Georgia, about 150 miles away.

So "35801 within 25 miles" finds 28 schools (2 pages, at 20 a page), adding "Certificate, under 1 year" 24 (still
2 pages), and the Medical Biller and Coder career alone 54, with the Houston cluster's.

Around Houston, 22 schools within 25 miles of 77001 offer the same certificates, the three nearest with cost and
earnings (JUDGED), for issue 13's journey: "find a coding certificate near 77001, compare three schools by cost and
earnings, download the CSV". 77001 is a downtown PO-box ZIP code: the Census ZCTA file lacks it, so no ZipCentroid
row is made for it and the search places it with the ``zipcodes`` package (reference_data/places.py), as it would
on the live site. The Houston schools come after the Huntsville ones in ``world.schools`` (and alone in
``world.houston``), so the indexes the page list uses (tests/browser/pages.py) are unchanged.

It needs the shipped content (the ``shipped_content`` fixture: the guide, its occupation 29-2072 and the CIP code
51.0714). The rows are written with bulk_create (a handful of queries), because every browser test starts from an
empty set of tables (tests/browser/conftest.py) and builds them again.
"""

import datetime
import math
from dataclasses import dataclass, field

import factory

from careers.models import Career
from reference_data.models import CipCode, CipSocLink, Occupation, ZipCentroid
from schools.models import Completion, Institution, InstitutionCost, InstitutionOutcome, Program, ProgramOutcome
from schools.search_results import RESULTS_PER_PAGE
from tests.factories import InstitutionFactory, WageEstimateFactory

NEWEST_YEAR = 2024
HOME_ZIP = "35801"
HOME = (34.724611, -86.565541)  # Census Gazetteer internal point of ZCTA 35801
CAREER_SLUG = "medical-biller-and-coder"
PER_PAGE = RESULTS_PER_PAGE

NEAR_CERTIFICATE = 24
NEAR_ASSOCIATE_ONLY = 3
NEAR_NURSING_ONLY = 1
WITHIN_25_MILES = NEAR_CERTIFICATE + NEAR_ASSOCIATE_ONLY + NEAR_NURSING_ONLY
FAR = 5
HOUSTON_ZIP = "77001"
HOUSTON = (29.8131, -95.3098)  # the zipcodes package's point for 77001 (not in the ZCTA file)
HOUSTON_CERTIFICATE = 22
# The career's schools within 250 miles of 35801, and in the whole world (the Houston cluster is 600 miles away).
HUNTSVILLE_CAREER_MATCHES = NEAR_CERTIFICATE + NEAR_ASSOCIATE_ONLY + FAR
CAREER_MATCHES = HUNTSVILLE_CAREER_MATCHES + HOUSTON_CERTIFICATE

_FIRST = ["Cedar", "Bluebird", "Harbor", "Maple", "Summit", "Willow", "Granite", "Juniper", "Lantern", "Meadow",
          "Orchard", "Pinecrest", "Quarry", "Redbud", "Sandstone", "Thistle", "Upland", "Valley", "Westgate",
          "Yellowwood", "Amber", "Briar", "Copper", "Dogwood", "Elm", "Fernbrook", "Goldfinch", "Hollow",
          "Ironwood", "Kestrel", "Larkspur", "Magnolia", "Northfield"]  # fmt: skip
_HOUSTON_FIRST = ["Bayou", "Cypress", "Pecan", "Bluebonnet", "Live Oak", "Gulfside", "Mesquite", "Prairie", "Sabine",
                  "Brazos", "Trinity", "Buffalo", "Bellaire", "Heights", "Montrose", "Clearwater", "Spindletop",
                  "Lone Star", "Galena", "Sugar Land", "Katy", "Baytown"]  # fmt: skip
_SECOND = ["Career College", "Health Institute", "Community College", "Technical College", "School of Health Careers"]


def _offset(miles: float, bearing_degrees: float, home=HOME) -> tuple[float, float]:
    """A point ``miles`` from ``home`` on a bearing (flat-earth approximation; close enough at these distances)."""
    bearing = math.radians(bearing_degrees)
    lat = home[0] + miles * math.cos(bearing) / 69.0
    lon = home[1] + miles * math.sin(bearing) / (69.0 * math.cos(math.radians(home[0])))
    return round(lat, 6), round(lon, 6)


@dataclass
class SchoolWorld:
    zip_code: str = HOME_ZIP
    career: Career | None = None
    schools: list[Institution] = field(default_factory=list)
    nearest: Institution | None = None
    second_nearest: Institution | None = None
    houston: list[Institution] = field(default_factory=list)  # nearest to 77001 first


def build_school_world() -> SchoolWorld:
    world = SchoolWorld(career=Career.objects.get(slug=CAREER_SLUG))
    ZipCentroid.objects.create(zip_code=HOME_ZIP, latitude=HOME[0], longitude=HOME[1], vintage="2024")
    coding, _ = CipCode.objects.get_or_create(
        code="51.0713", defaults={"title": "Medical Insurance Coding Specialist/Coder.", "digits": 6}
    )
    billing = CipCode.objects.get(code="51.0714")  # shipped, with the guide's staff include (content/)
    nursing, _ = CipCode.objects.get_or_create(
        code="51.3801", defaults={"title": "Registered Nursing/Registered Nurse.", "digits": 6}
    )
    records = Occupation.objects.get(soc_code="29-2072")
    CipSocLink.objects.create(cip=coding, occupation=records)
    # As in the real crosswalk, 51.0707 (shipped) is linked to 29-2072 too; the guide does not name it, so a career
    # search lists it apart as a related program and matches none of its schools.
    CipSocLink.objects.create(cip=CipCode.objects.get(code="51.0707"), occupation=records)

    level = Program.AwardLevel
    plans = []  # (miles, bearing, state, city, [(cip, award level, newest total, previous total)])
    for n in range(NEAR_CERTIFICATE):
        cip = billing if n % 2 else coding
        award = level.CERT_12_WEEKS_TO_1_YEAR if n % 3 else level.CERT_UNDER_12_WEEKS
        programs = [(cip, award, 8 + n, 6 + n)]
        if n % 4 == 0:
            programs.append((coding, level.ASSOCIATE, 5 + n, 4))
        plans.append((1.0 + n * 0.9, n * 47 % 360, "AL", "Huntsville", programs))
    for n in range(NEAR_ASSOCIATE_ONLY):
        plans.append((3.5 + n * 6, 200 + n * 30, "AL", "Madison", [(coding, level.ASSOCIATE, 11 + n, None)]))
    plans.append((5.2, 90, "AL", "Huntsville", [(nursing, level.ASSOCIATE, 60, 55)]))
    plans.append((42.0, 180, "AL", "Cullman", [(billing, level.CERT_12_WEEKS_TO_1_YEAR, 14, 12)]))
    plans.append((55.0, 300, "AL", "Florence", [(coding, level.CERT_1_TO_2_YEARS, 9, None)]))
    plans.append((70.0, 160, "AL", "Gadsden", [(coding, level.CERT_1_TO_2_YEARS, 21, 19)]))
    plans.append((88.0, 200, "AL", "Birmingham", [(billing, level.CERT_12_WEEKS_TO_1_YEAR, 33, 30)]))
    plans.append((150.0, 110, "GA", "Rome", [(coding, level.ASSOCIATE, 17, 15)]))

    world.schools = _create_schools(plans, HOME, first_unitid=990100, names=_FIRST, home_zip=HOME_ZIP)

    world.nearest, world.second_nearest = world.schools[0], world.schools[1]
    houston = []
    for n in range(HOUSTON_CERTIFICATE):
        cip = billing if n % 2 else coding
        award = level.CERT_12_WEEKS_TO_1_YEAR if n % 3 else level.CERT_UNDER_12_WEEKS
        houston.append((1.0 + n * 1.0, n * 53 % 360, "TX", "Houston", [(cip, award, 9 + n, 7 + n)]))
    world.houston = _create_schools(houston, HOUSTON, first_unitid=990400, names=_HOUSTON_FIRST, home_zip="77002")
    world.schools += world.houston
    add_judging_figures(world.schools[:3] + world.houston[:3])
    add_state_pay()
    return world


def _create_schools(plans, home, *, first_unitid, names, home_zip):
    """The schools of ``plans`` (miles and bearing from ``home``, state, city, programs), with their programs and
    completions: three bulk queries. Schools in the home city get ``home_zip``."""
    institutions = []
    for n, (miles, bearing, state, city, _) in enumerate(plans):
        lat, lon = _offset(miles, bearing, home)
        name = f"{names[n]} {_SECOND[n % len(_SECOND)]}"
        institutions.append(
            InstitutionFactory.build(
                unitid=f"{first_unitid + n}",
                name=name,
                slug=name.lower().replace(" ", "-"),
                city=city,
                state=state,
                zip_code=home_zip if city in ("Huntsville", "Houston") else "",
                latitude=lat,
                longitude=lon,
                control=[Institution.Control.PUBLIC, Institution.Control.PRIVATE_NONPROFIT][n % 2],
                level=Institution.Level.TWO_YEAR,
                web_address=f"www.{name.lower().replace(' ', '')}.example.edu",
            )
        )
    schools = Institution.objects.bulk_create(institutions)

    programs, totals = [], []
    for school, (*_, offers) in zip(schools, plans, strict=True):
        for cip, award, newest, previous in offers:
            programs.append(Program(institution=school, cip=cip, award_level=award))
            totals.append((newest, previous))
    programs = Program.objects.bulk_create(programs)
    completions = []
    for program, (newest, previous) in zip(programs, totals, strict=True):
        completions.append(Completion(program=program, year=NEWEST_YEAR, total=newest))
        if previous is not None:
            completions.append(Completion(program=program, year=NEWEST_YEAR - 1, total=previous))
    Completion.objects.bulk_create(completions)
    return schools


def add_state_pay():
    """Made-up May 2025 state pay for 29-2072, so the Medical Biller and Coder guide shows its pay-by-state table (the
    shipped starting figures are national only); the longest state name tests the table at 375 px."""
    occupation = Occupation.objects.get(soc_code="29-2072")
    rows = [("01", "Alabama", "AL", 38150), ("11", "District of Columbia", "DC", 61230), ("13", "Georgia", "GA", None)]
    WageEstimateFactory.create_batch(
        len(rows),
        occupation=occupation,
        area_type="state",
        area_code=factory.Iterator([code for code, *_ in rows]),
        area_name=factory.Iterator([name for _, name, *_ in rows]),
        state=factory.Iterator([state for *_, state, _ in rows]),
        annual_median=factory.Iterator([median for *_, median in rows]),
    )


RELEASE = datetime.date(2026, 6, 10)
# The three nearest schools' charges (IC_AY 2022-23) and their certificate graduates' earnings (Scorecard, field
# 51.07, undergraduate certificate), around 35801 and around 77001: made-up figures for the compare journey and
# pages. The third has its earnings suppressed.
JUDGED = [
    # (in-state tuition and fees, books, average net price, earnings 1 year, earnings 4 years)
    (3950, 1200, 6400, 31200, 36900),
    (12800, 900, 14250, 29800, 33100),
    (5200, 1450, 7900, None, None),
]


def add_judging_figures(schools):
    """Cost, net price and graduates' earnings for ``schools``, JUDGED's figures in turn (a handful of bulk
    queries)."""
    costs, outcomes, program_outcomes = [], [], []
    for n, school in enumerate(schools):
        tuition, books, net_price, earnings_1, earnings_4 = JUDGED[n % len(JUDGED)]
        costs.append(
            InstitutionCost(
                institution=school, year=2022, tuition_in_district=tuition, tuition_in_state=tuition,
                tuition_out_of_state=tuition * 2, books_supplies=books,
            )
        )  # fmt: skip
        outcomes.append(InstitutionOutcome(institution=school, released_on=RELEASE, net_price_average=net_price))
        program_outcomes.append(
            ProgramOutcome(
                institution=school, cip_code="51.07", cip_title="Health and Medical Administrative Services",
                credential_level=ProgramOutcome.CredentialLevel.UNDERGRADUATE_CERTIFICATE, released_on=RELEASE,
                completers=None if earnings_1 is None else 24, earnings_1_year=earnings_1, earnings_4_years=earnings_4,
            )
        )  # fmt: skip
    InstitutionCost.objects.bulk_create(costs)
    InstitutionOutcome.objects.bulk_create(outcomes)
    ProgramOutcome.objects.bulk_create(program_outcomes)


def distance_from_home(school) -> float:
    """Great-circle miles from ZIP 35801 (haversine, in Python: independent of the app's database expression)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*HOME, school.latitude, school.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 3958.76 * math.asin(math.sqrt(min(1.0, h)))

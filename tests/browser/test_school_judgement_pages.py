"""The school page's new states (issue 13) in a real Chromium: a school with cost, net price, graduates' earnings,
career pay and contact links, and a closed school whose figures are all suppressed or unreported. axe-core finds
nothing at 1280 and 375 px, and at 375 px both program tables show every figure without sideways scrolling."""

import datetime

import pytest

from tests.browser.conftest import DESKTOP
from tests.browser.helpers import Checks, assert_no_axe_violations, assert_no_horizontal_overflow, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
RELEASE = datetime.date(2026, 6, 10)


@pytest.fixture
def judged_schools(live_site):
    from reference_data.models import WageEstimate
    from schools.models import (
        DistanceEducation,
        DistanceEnrollment,
        InstitutionCost,
        InstitutionOutcome,
        Program,
        ProgramOutcome,
    )
    from tests.factories import (
        CareerFactory,
        CareerOccupationFactory,
        CipCodeFactory,
        CipSocLinkFactory,
        CompletionFactory,
        InstitutionFactory,
        OccupationFactory,
        ProgramFactory,
        WageEstimateFactory,
    )

    occupation = OccupationFactory(soc_code="29-8099", title="Browser Test Assistants")
    career = CareerFactory(short_name="Browser Test Assistant", slug="browser-test-assistant")
    CareerOccupationFactory(career=career, occupation=occupation, is_primary=True)
    cip = CipCodeFactory(code="51.0899", title="Browser Test Assisting, Other.")
    CipSocLinkFactory(cip=cip, occupation=occupation)
    for area_type, code, state, median in (("national", "99", "", 45100), ("state", "01", "AL", 40200),
                                           ("metro", "26620", "AL", 38900)):  # fmt: skip
        WageEstimateFactory(occupation=occupation, area_type=area_type, area_code=code, state=state,
                            area_name=code, annual_median=median)  # fmt: skip

    judged = InstitutionFactory(
        unitid="990201", name="Browser Judged College", slug="browser-judged-college", cbsa="26620",
        phone="2565550111", admissions_url="www.judged.example/admissions", application_url="judged.example/apply",
        financial_aid_url="https://judged.example/aid", net_price_calculator_url="judged.example/npc",
        veterans_url="judged.example/veterans", disability_url="judged.example/access", title_iv_status=1,
    )  # fmt: skip
    for level, totals in (("3", {2024: 14, 2023: 11}), ("21", {2023: 3})):
        program = ProgramFactory(institution=judged, cip=cip, award_level=level)
        for year, total in totals.items():
            CompletionFactory(program=program, year=year, total=total)
    InstitutionCost.objects.create(institution=judged, year=2022, tuition_in_district=3900, tuition_in_state=3900,
                                   tuition_out_of_state=8100, books_supplies=1400)  # fmt: skip
    InstitutionOutcome.objects.create(institution=judged, released_on=RELEASE, completion_rate=0.41,
                                      net_price_average=7300, net_price_0_30k=-250)  # fmt: skip
    DistanceEducation.objects.create(institution=judged, year=2022, all_programs_online="no",
                                     offers_online_courses="yes", offers_online_programs="yes")  # fmt: skip
    DistanceEnrollment.objects.create(institution=judged, fall_year=2024, total=1800, exclusively_distance=420)
    for credential, earnings in ((2, 39800), (1, None)):
        ProgramOutcome.objects.create(
            institution=judged, cip_code="51.08", cip_title="Allied Health and Medical Assisting Services",
            credential_level=credential, released_on=RELEASE, completers=earnings and 24,
            earnings_1_year=earnings, earnings_4_years=earnings and earnings + 4100, median_debt=earnings and 8800,
        )  # fmt: skip

    closed = InstitutionFactory(
        unitid="990202", name="Browser Closed Careers Institute", slug="browser-closed-careers-institute",
        closed_on=datetime.date(2024, 7, 30), cbsa="", title_iv_status=None,
    )  # fmt: skip
    program = ProgramFactory(institution=closed, cip=cip, award_level=Program.AwardLevel.CERT_12_WEEKS_TO_1_YEAR)
    CompletionFactory(program=program, year=2024, total=0)
    InstitutionCost.objects.create(institution=closed, year=2022)
    InstitutionOutcome.objects.create(institution=closed, released_on=RELEASE)
    ProgramOutcome.objects.create(institution=closed, cip_code="51.08", cip_title="Allied Health",
                                  credential_level=1, released_on=RELEASE)  # fmt: skip
    assert WageEstimate.objects.filter(occupation=occupation).count() == 3
    return {"judged": judged, "closed": closed}


@pytest.mark.parametrize("which", ["judged", "closed"])
def test_school_judgement_page_is_accessible_and_stacks_on_a_phone(page, judged_schools, which):
    school = judged_schools[which]
    url = school.get_absolute_url()
    checks = Checks(url)
    visit(page, url)
    with checks("axe-core, WCAG 2.x A and AA, 1280px wide"):
        assert_no_axe_violations(page, report_name=f"school page, {which}")
    page.set_viewport_size(PHONE)
    with checks("axe-core, WCAG 2.x A and AA, 375px wide"):
        assert_no_axe_violations(page, report_name=f"school page, {which}, at 375px")
    with checks("no sideways scrolling at 375px, program tables included"):
        assert_no_horizontal_overflow(page, width=PHONE["width"])
    with checks("the key figures are on screen at 375px"):
        row = page.locator(".outcome-table tbody tr").first
        for label in ("Earnings after 1 year", "Median debt"):
            cell = row.locator(f'td[data-label="{label}"]')
            box = cell.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (label, box)
    page.set_viewport_size(DESKTOP)
    if which == "closed":
        with checks("closed with its date"):
            assert "This school closed on 30 July 2024" in page.locator(".notice--closed").inner_text()
    checks.raise_failures()

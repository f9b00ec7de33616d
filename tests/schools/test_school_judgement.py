"""The school page answers "can I afford it, will it pay, can I study from home, how do I apply" (issue 13), in a
made-up world: every figure in words with its source, a missing or suppressed one said in words, never $0 or 0%."""

import datetime
import re
from html import unescape

import pytest

from reference_data.models import WageEstimate
from schools.models import (
    DistanceEducation,
    DistanceEnrollment,
    GraduationRate,
    Institution,
    InstitutionCost,
    InstitutionOutcome,
    ProgramOutcome,
)
from tests.factories import InstitutionFactory, WageEstimateFactory

from .conftest import NEWEST_YEAR, add_program

pytestmark = pytest.mark.django_db

RELEASE = datetime.date(2026, 6, 10)
HUNTSVILLE_CBSA = "26620"


def page_text(client, school):
    response = client.get(school.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<h1") :]
    return html, re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main)))


@pytest.fixture
def judged(world):
    """Huntsville has every figure; Birmingham has every figure suppressed or not reported; one school is closed."""
    huntsville = world.schools["huntsville"]
    Institution.objects.filter(pk=huntsville.pk).update(
        phone="2565550100", admissions_url="www.rocketcity.example/admissions",
        application_url="https://apply.rocketcity.example/", net_price_calculator_url="rocketcity.example/npc",
        title_iv_status=Institution.TitleIvStatus.PARTICIPATES, cbsa=HUNTSVILLE_CBSA,
    )  # fmt: skip
    InstitutionCost.objects.create(
        institution=huntsville, year=2022, tuition_in_district=4310, tuition_in_state=4310,
        tuition_out_of_state=9120, books_supplies=1250,
    )  # fmt: skip
    InstitutionOutcome.objects.create(
        institution=huntsville, released_on=RELEASE, completion_rate=0.3125, net_price_average=8450,
        net_price_0_30k=6120, net_price_30_48k=6980, net_price_48_75k=9410, net_price_75_110k=11200,
        net_price_110k_plus=12950,
    )  # fmt: skip
    DistanceEducation.objects.create(
        institution=huntsville, year=2022, all_programs_online="no", offers_online_courses="yes",
        offers_online_programs="yes",
    )  # fmt: skip
    DistanceEnrollment.objects.create(
        institution=huntsville, fall_year=2024, total=2400, exclusively_distance=300, some_distance=900
    )
    GraduationRate.objects.create(institution=huntsville, cohort_year=2015, cohort_size=410, awarded_in_6_years=33)
    ProgramOutcome.objects.create(
        institution=huntsville, cip_code="51.07", cip_title="Health and Medical Administrative Services",
        credential_level=ProgramOutcome.CredentialLevel.ASSOCIATE, released_on=RELEASE, completers=37,
        earnings_1_year=41250, earnings_4_years=46800, median_debt=8750,
    )  # fmt: skip
    WageEstimateFactory(
        occupation=world.occupation, annual_median=38150, area_type=WageEstimate.AreaType.METRO,
        area_code=HUNTSVILLE_CBSA, area_name="Huntsville, AL", state="AL",
    )  # fmt: skip

    birmingham = world.schools["birmingham"]
    Institution.objects.filter(pk=birmingham.pk).update(phone="", title_iv_status=None, cbsa="")
    InstitutionCost.objects.create(institution=birmingham, year=2022)  # every charge "." in IC_AY
    InstitutionOutcome.objects.create(institution=birmingham, released_on=RELEASE)  # every value blank
    DistanceEducation.objects.create(
        institution=birmingham, year=2022, all_programs_online="not_reported", offers_online_courses="not_reported",
        offers_online_programs="not_applicable",
    )  # fmt: skip
    DistanceEnrollment.objects.create(institution=birmingham, fall_year=2024, total=90)
    GraduationRate.objects.create(institution=birmingham, cohort_year=2015)
    ProgramOutcome.objects.create(
        institution=birmingham,
        cip_code="51.07",
        cip_title="Health and Medical Administrative Services",
        credential_level=ProgramOutcome.CredentialLevel.UNDERGRADUATE_CERTIFICATE,
        released_on=RELEASE,
    )
    world.schools["shut"] = InstitutionFactory(
        name="Shut Valley College of Careers", closed_on=datetime.date(2024, 7, 30), is_active=True
    )
    return world


def test_cost_net_price_completion_and_online_study_name_their_sources(client, judged):
    _, text = page_text(client, judged.schools["huntsville"])
    assert "In-state tuition and fees $4,310" in text
    assert "Out-of-state tuition and fees $9,120" in text
    assert "Books and supplies $1,250" in text
    assert "IPEDS student charges (IC_AY), full-time undergraduates, 2022-23" in text
    assert "Average, all incomes $8,450" in text
    assert "Family income $30,000 or less $6,120" in text
    assert "College Scorecard (U.S. Department of Education), June 2026 release" in text
    assert "(first-time, full-time students) 31%" in text
    assert "Awarded a degree within 6 years (2015 entering cohort of 410 students) 33%" in text
    assert "Offers programs by distance education Yes" in text
    assert "Students studying only online, fall 2024 12% (300 of 2,400 students)" in text


def test_program_earnings_debt_and_career_pay_in_metro_state_and_nation(client, judged):
    _, text = page_text(client, judged.schools["huntsville"])
    row = text[text.index("Health and Medical Administrative Services (51.07)") :]
    assert row.startswith(
        "Health and Medical Administrative Services (51.07) Associate's degree 37 $41,250 $46,800 $8,750 21%"
    )
    assert "Test Coder (Test Records Specialists): metro area $38,150; Alabama $43,810; nation $51,140" in row
    assert "(BLS OEWS, May 2025)" in row
    assert "(BLS OEWS, May 2025) ; every state on a map for Test Coder" in row  # links to the guide's #pay-map
    assert "College Scorecard, June 2026 release" in row


def test_contact_links_get_their_scheme_and_aid_eligibility_is_said(client, judged):
    html, text = page_text(client, judged.schools["huntsville"])
    assert "Phone (256) 555-0100" in text
    assert 'href="https://www.rocketcity.example/admissions"' in html
    assert 'href="https://apply.rocketcity.example/"' in html
    assert 'href="https://rocketcity.example/npc"' in html
    assert "Federal student aid (Title IV) Yes (Participates in Title IV federal financial aid programs)" in text
    assert "Not reported to IPEDS: Financial aid, Veterans' services, Disability services." in text


def test_suppressed_and_unreported_figures_are_said_in_words(client, judged):
    _, text = page_text(client, judged.schools["birmingham"])
    assert "In-state tuition and fees Not reported to IPEDS" in text
    assert "Average, all incomes Not published" in text
    assert "Offers programs by distance education Not applicable (IPEDS)" in text
    assert "Every program can be taken entirely online Not reported to IPEDS" in text
    assert "Students studying only online, fall 2024 Not reported to IPEDS" in text
    assert "Awarded a degree within 6 years (2015 entering cohort) Not reported to IPEDS" in text
    assert "Phone Not reported to IPEDS" in text
    assert "Federal student aid (Title IV) Not reported to IPEDS" in text
    start = text.index("Health and Medical Administrative Services (51.07)")
    row = text[start : text.index("Source:", start)]
    assert row.count("Not published: too few graduates") == 5  # graduates, two earnings, debt, debt share
    assert "metro area School not in a metropolitan area" in row


def test_no_page_shows_zero_for_a_suppressed_or_missing_figure(client, judged):
    """Walk every school page of the world: a figure that is NULL must never come out as $0 or 0%."""
    zero = re.compile(r"\$0(?![\d,.])|(?<![\d.,])0%")
    for school in Institution.objects.all():
        html, text = page_text(client, school)
        assert not zero.search(text), (school.name, zero.search(text).group(0))


def test_closed_school_says_so_with_its_date(client, judged):
    _, text = page_text(client, judged.schools["shut"])
    assert "Closed. This school closed on 30 July 2024" in text
    _, open_text = page_text(client, judged.schools["huntsville"])
    assert "Closed." not in open_text


def test_programs_without_graduates_in_the_newest_year_are_marked(client, judged):
    school = judged.schools["huntsville"]
    add_program(school, judged.cips["him"], "3", {NEWEST_YEAR - 1: 4})
    _, text = page_text(client, school)
    assert "(51.0707) No graduates in 2023-24" in text
    assert "(51.0713) No graduates" not in text


def test_school_without_any_figures_says_not_reported(client, world):
    _, text = page_text(client, world.schools["memphis"])
    assert "this school reported no academic-year charges" in text
    assert "Offers programs by distance education Not reported to IPEDS" in text
    assert "The College Scorecard publishes no health field of study for this school." in text

"""The school page's "Career pay" column (issue 13): beside each Scorecard field of study, the median pay of what its
programs lead to in the school's metro area, its state and the nation. A field whose programs have no guide shows
the crosswalk's healthcare occupations instead, linked to their pages; a field with nothing to price says why."""

import datetime
import re
from html import unescape

import pytest

from reference_data.models import Occupation, WageEstimate
from schools.models import Institution, Program, ProgramOutcome
from tests.factories import (
    CareerFactory,
    CareerProgramFactory,
    CipCodeFactory,
    CipSocLinkFactory,
    OccupationFactory,
    WageEstimateFactory,
)

from .conftest import add_program

pytestmark = pytest.mark.django_db

RELEASE = datetime.date(2026, 6, 10)
MONTGOMERY_CBSA = "33860"
CERTIFICATE, ASSOCIATE = (
    ProgramOutcome.CredentialLevel.UNDERGRADUATE_CERTIFICATE,
    ProgramOutcome.CredentialLevel.ASSOCIATE,
)


def outcome(school, cip_code, title, credential=ASSOCIATE):
    ProgramOutcome.objects.create(
        institution=school, cip_code=cip_code, cip_title=title, credential_level=credential, released_on=RELEASE,
        completers=20, earnings_1_year=52000,
    )  # fmt: skip


def pay_cells(client, school):
    """Field of study (CIP) -> the text of its "Career pay" cell, and the page's HTML."""
    html = client.get(school.get_absolute_url()).content.decode()
    table = html[html.index("outcome-table") :]
    cells = {}
    for row in re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", table[: table.index("</table>")], re.S):
        field = re.match(r"[^<]*\((51\.\d\d)\)", row).group(1)
        cell = row[row.index('data-label="Career pay"') :]
        cells[field] = re.sub(
            r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", cell.split(">", 1)[1].replace("</li>", " ")))
        ).strip()
    return cells, html


@pytest.fixture
def montgomery(world):
    """Capitol Nursing School (Montgomery MSA) teaches nursing, which leads to no guide, and coding (Test Coder)."""
    school = world.schools["montgomery"]
    Institution.objects.filter(pk=school.pk).update(cbsa=MONTGOMERY_CBSA, cbsa_type=1)
    school.refresh_from_db()
    nurses = Occupation.objects.get(soc_code="29-8141")
    for area_type, code, state, median in (("national", "99", "", 77600), ("state", "01", "AL", 70100),
                                           ("metro", MONTGOMERY_CBSA, "AL", 68900)):  # fmt: skip
        WageEstimateFactory(occupation=nurses, area_type=area_type, area_code=code, state=state, annual_median=median)
    # A second occupation the crosswalk links nursing to, published nationally only.
    anesthetists = OccupationFactory(soc_code="29-8151", title="Test Nurse Anesthetists")
    WageEstimateFactory(occupation=anesthetists, annual_median=205000)
    CipSocLinkFactory(cip=world.cips["nursing"], occupation=anesthetists)
    outcome(school, "51.38", "Registered Nursing, Nursing Administration, Nursing Research and Clinical Nursing")
    outcome(school, "51.07", "Health and Medical Administrative Services")
    return school


def test_a_field_without_a_guide_shows_its_crosswalk_occupations_pay(client, montgomery):
    cells, html = pay_cells(client, montgomery)
    assert cells["51.38"] == (
        "Test Nurse Anesthetists: metro area Not published by BLS; Alabama Not published by BLS; nation $205,000 "
        "(BLS OEWS, May 2025); every state on a map for Test Nurse Anesthetists "
        "Test Nurses: metro area $68,900; Alabama $70,100; nation $77,600 (BLS OEWS, May 2025); every state on a "
        "map for Test Nurses"
    )
    assert '<a href="/careers/occupations/29-8141/">Test Nurses</a>' in html
    assert '<a href="/careers/occupations/29-8141/#pay-map">every state on a map' in html
    assert "No guide yet" not in html


def test_a_field_with_a_guide_shows_the_guide_not_the_crosswalk_occupations(client, montgomery):
    cells, _ = pay_cells(client, montgomery)
    assert cells["51.07"].startswith("Test Coder (Test Records Specialists): metro area Not published by BLS; ")
    assert "Test Nurses" not in cells["51.07"]


def test_a_field_with_nothing_to_price_says_why_in_words(client, world, montgomery):
    unlinked = CipCodeFactory(code="51.0899", title="Allied Health and Medical Assisting Services, Other.")
    add_program(montgomery, unlinked, Program.AwardLevel.CERT_12_WEEKS_TO_1_YEAR, {2024: 6})
    outcome(montgomery, "51.08", "Allied Health and Medical Assisting Services", CERTIFICATE)
    outcome(montgomery, "51.09", "Allied Health Diagnostic, Intervention, and Treatment Professions")
    # A published guide that names a program but no occupation has no pay to show.
    orphan_cip = CipCodeFactory(code="51.2601", title="Health Aide.")
    CareerProgramFactory(career=CareerFactory(short_name="Orphan Guide"), cip=orphan_cip)
    add_program(montgomery, orphan_cip, Program.AwardLevel.CERT_UNDER_12_WEEKS, {2024: 4})
    outcome(montgomery, "51.26", "Health Aides/Attendants/Orderlies", CERTIFICATE)
    cells, html = pay_cells(client, montgomery)
    assert cells["51.08"] == "No healthcare occupation in the crosswalk"
    assert cells["51.09"] == "No program in this field in the school's IPEDS completions"
    assert cells["51.26"] == "Its guide names no occupation, so no BLS pay"
    assert "$0" not in html


def test_the_school_page_asks_for_pay_only_in_the_school_s_areas(client, montgomery):
    """Pay elsewhere (another state's, another metro's) never stands in for the school's own."""
    nurses = Occupation.objects.get(soc_code="29-8141")
    WageEstimateFactory(occupation=nurses, area_type=WageEstimate.AreaType.STATE, area_code="13", state="GA",
                        annual_median=99900)  # fmt: skip
    WageEstimateFactory(occupation=nurses, area_type=WageEstimate.AreaType.METRO, area_code="12060", state="GA",
                        annual_median=88800)  # fmt: skip
    cells, _ = pay_cells(client, montgomery)
    assert "$99,900" not in cells["51.38"] and "$88,800" not in cells["51.38"]
    assert "metro area $68,900; Alabama $70,100" in cells["51.38"]

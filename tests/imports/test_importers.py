"""Each dataset imported from tiny hand-written files in the publisher's format."""

import datetime
from decimal import Decimal

import pytest

from imports.importers.onet import ATTRIBUTION
from reference_data.models import (
    CipCode,
    CipSocLink,
    EmploymentProjection,
    Occupation,
    OccupationAlternateTitle,
    OccupationTask,
    WageEstimate,
    ZipCentroid,
)
from schools.models import Completion, Institution, Program

pytestmark = pytest.mark.django_db


def test_cip_codes_of_every_length_and_no_moved_or_deleted_codes(load):
    run = load("cip")
    assert run.outcome == "succeeded"
    assert (run.created, run.skipped, run.vintage) == (9, 2, "CIP 2020")
    assert dict(CipCode.objects.values_list("code", "digits")) == {
        "51": 2, "51.07": 4, "51.0707": 6, "51.0713": 6, "51.08": 4, "51.0801": 6, "52": 2, "52.02": 4, "52.0201": 6,
    }  # fmt: skip
    coder = CipCode.objects.get(code="51.0713")
    assert coder.title == "Made-up Insurance Coding Specialist/Coder"  # without its period
    assert "two lines" in CipCode.objects.get(code="51.0707").definition


def test_crosswalk_links_programs_to_occupations_and_creates_them(load):
    load("cip")
    run = load("cip-soc")
    assert run.outcome == "succeeded", run.report
    assert run.created == 7
    assert set(CipSocLink.objects.filter(cip__code="51.0713").values_list("occupation__soc_code", flat=True)) == {
        "29-2072",
        "29-9021",
    }
    # 55-3016 has no program (99.9999) but is a SOC 2018 occupation; 99-9999 is not an occupation.
    assert Occupation.objects.get(soc_code="55-3016").in_current_soc
    assert not Occupation.objects.filter(soc_code="99-9999").exists()
    assert Occupation.objects.get(soc_code="29-2072").title == "Made-up Records Specialists"


def test_crosswalk_needs_the_cip_codes_first(load):
    run = load("cip-soc")
    assert run.outcome == "failed"
    assert "import the cip dataset first" in run.report


def test_institutions_from_a_windows_1252_directory(load):
    run = load("ipeds-hd", "hd2022.csv")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.vintage) == (4, "2022-23")
    colegio = Institution.objects.get(unitid="100002")
    assert colegio.name == "Colegio Técnico de Salud"
    assert colegio.zip_code == "00901"
    assert colegio.slug == "colegio-tecnico-de-salud"
    assert colegio.alias == ""  # a quoted blank
    assert colegio.survey_year == 2022


def test_institutions_from_a_utf8_bom_directory_with_ipeds_codes(load):
    run = load("ipeds-hd", "hd2023.csv")
    assert run.outcome == "succeeded", run.report
    riverbend = Institution.objects.get(unitid="100001")
    assert (riverbend.control, riverbend.level, riverbend.sector) == ("1", "2", 4)
    assert riverbend.zip_code == "36104-1234"
    assert riverbend.latitude == pytest.approx(32.3959)
    assert riverbend.get_control_display() == "Public"
    lakeside = Institution.objects.get(unitid="100004")
    assert (lakeside.control, lakeside.level) == ("", "")  # -3: not applicable
    northfield = Institution.objects.get(unitid="100003")
    assert not northfield.is_active
    assert northfield.closed_on == datetime.date(2023, 6, 30)
    assert Institution.objects.get(unitid="100005").name == "Harbor City Medical Careers, Inc."


def test_a_newer_directory_updates_in_place_and_inactivates_missing_institutions(load):
    load("ipeds-hd", "hd2022.csv")
    load("ipeds-hd", "hd2023.csv")
    run = load("ipeds-hd", "hd2024.csv")
    assert run.outcome == "succeeded", run.report
    assert Institution.objects.count() == 6  # nothing deleted
    northfield = Institution.objects.get(unitid="100003")
    assert not northfield.is_active and northfield.survey_year == 2023
    riverbend = Institution.objects.get(unitid="100001")
    assert riverbend.web_address == "https://www.riverbend.example/"
    assert riverbend.survey_year == 2024
    assert riverbend.alias == "RCC"  # the 2024 fixture has no IALIAS column: an absent column erases nothing
    assert Institution.objects.get(unitid="100006").is_active
    assert run.created == 1


def test_an_institution_active_in_an_older_directory_and_missing_from_the_newer_one_is_inactive(load):
    load("ipeds-hd", "hd2022.csv")
    assert Institution.objects.get(unitid="100003").is_active
    run = load("ipeds-hd", "hd2024.csv")
    assert "1 institution(s) not in HD2024 marked inactive" in run.report
    northfield = Institution.objects.get(unitid="100003")
    assert not northfield.is_active and northfield.name == "Northfield Health Institute"


def test_an_older_directory_never_overwrites_a_newer_one(load):
    load("ipeds-hd", "hd2024.csv")
    run = load("ipeds-hd", "hd2022.csv")
    assert run.outcome == "succeeded", run.report
    riverbend = Institution.objects.get(unitid="100001")
    assert (riverbend.survey_year, riverbend.web_address) == (2024, "https://www.riverbend.example/")
    # Only in the older directory: kept for the record, but not active.
    assert not Institution.objects.get(unitid="100003").is_active
    assert "already loaded from a newer directory" in run.report


def test_completions_make_programs_and_keep_every_year(load, base_data):
    run = load("ipeds-completions", "c2023_a.csv")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.skipped, run.vintage) == (6, 4, "2022-23")
    assert "2-digit and 99 roll-up rows" in run.report
    assert "institutions not in the loaded IPEDS directories" in run.report
    assert "second majors" in run.report
    program = Program.objects.get(institution__unitid="100001", cip__code="51.0713", award_level="21")
    assert program.get_award_level_display() == "Certificate of at least 12 weeks but less than 1 year"
    load("ipeds-completions", "c2024_a_cip51_major1.csv")
    assert list(program.completions.values_list("year", "total", "men", "women")) == [
        (2024, 16, 3, 13),
        (2023, 14, 2, 12),
    ]
    assert Program.objects.filter(award_level="20").count() == 1
    assert Completion.objects.filter(year=2024).count() == 3


def test_the_cip51_subset_after_the_complete_file_doubles_nothing(load, base_data):
    load("ipeds-completions", "c2023_a.csv")
    programs, completions = Program.objects.count(), Completion.objects.count()
    run = load("ipeds-completions", "c2023_a_cip51_major1.csv")
    assert (run.created, run.updated, run.unchanged) == (0, 0, 5)
    assert (Program.objects.count(), Completion.objects.count()) == (programs, completions)


def test_oews_national_workbook_with_markers_and_top_code(load, base_data):
    run = load("oews")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.skipped, run.vintage) == (5, 1, "May 2025")
    national = WageEstimate.objects.get(occupation__soc_code="29-2072", area_type="national")
    assert (national.area_code, national.area_name, national.state) == ("99", "U.S.", "")
    assert national.source_url == "https://www.bls.gov/oes/2025/may/oes292072.htm"
    # The all-occupations total is kept for comparisons, and is not reported as an outdated code.
    total = WageEstimate.objects.get(occupation__soc_code="00-0000", area_type="national")
    assert (total.annual_median, total.source_url) == (47840, "https://www.bls.gov/oes/2025/may/oes_nat.htm")
    assert "00-0000" not in run.report
    assert national.period == datetime.date(2025, 5, 1)
    assert (national.employment, national.annual_median, national.annual_p10) == (190000, 49920, 36400)
    assert national.hourly_median == Decimal("24.00")
    physicians = WageEstimate.objects.get(occupation__soc_code="29-1228", area_type="national")
    assert physicians.employment is None  # **
    assert physicians.annual_median == 239200 and physicians.hourly_mean == Decimal("115.00")
    assert set(physicians.top_coded) == {"hourly_mean", "annual_mean", "annual_median", "annual_p75", "annual_p90",
                                         "hourly_median"}  # fmt: skip
    assert physicians.annual_p25 == 166400
    # 29-2010 is an OEWS combination, not a SOC 2018 code: imported as it is and named in the report.
    assert not Occupation.objects.get(soc_code="29-2010").in_current_soc
    assert "not in the current SOC (imported as they are): 29-2010" in run.report


def test_oews_state_file_with_lower_case_headers(load, base_data):
    run = load("oews", "state_M2025_dl.csv")
    assert run.outcome == "succeeded", run.report
    alabama = WageEstimate.objects.get(occupation__soc_code="29-2072", area_type="state", area_code="01")
    assert (alabama.state, alabama.area_name, alabama.annual_median, alabama.employment) == (
        "AL",
        "Alabama",
        42640,
        2100,
    )
    puerto_rico = WageEstimate.objects.get(occupation__soc_code="29-2072", area_code="72")
    assert puerto_rico.area_type == "state" and puerto_rico.state == "PR"  # AREA_TYPE 3, a territory
    assert (puerto_rico.employment, puerto_rico.hourly_mean, puerto_rico.annual_median) == (None, None, 29000)
    physicians = WageEstimate.objects.get(occupation__soc_code="29-1228", area_code="01")
    assert physicians.annual_median == 239200 and "annual_median" in physicians.top_coded


def test_oews_metro_and_nonmetro_areas(load, base_data):
    run = load("oews", "MSA_M2025_dl.csv")
    assert (run.created, run.skipped) == (2, 1)  # the major group is a roll-up
    areas = dict(WageEstimate.objects.values_list("area_code", "area_type"))
    assert areas == {"33860": "metro", "0100003": "nonmetro"}
    assert WageEstimate.objects.get(area_code="33860").state == "AL"


def test_oews_period_from_the_option_when_the_name_lacks_it(load, base_data, tmp_path, fixtures_dir):
    renamed = tmp_path / "alabama_wages.csv"
    renamed.write_bytes((fixtures_dir / "oews" / "state_M2025_dl.csv").read_bytes())
    from imports.services import run_import

    failed = run_import("oews", renamed)
    assert failed.outcome == "failed" and 'pass --period "May 2025"' in failed.report
    run = run_import("oews", renamed, period="May 2024")
    assert run.outcome == "succeeded", run.report
    assert set(WageEstimate.objects.values_list("period", flat=True)) == {datetime.date(2024, 5, 1)}


def test_projections_skip_summaries_and_footnotes(load, base_data):
    run = load("projections")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.skipped, run.vintage) == (5, 3, "2024-34")
    total = EmploymentProjection.objects.get(occupation__soc_code="00-0000")
    assert total.change_percent == Decimal("2.9")
    records = EmploymentProjection.objects.get(occupation__soc_code="29-2072")
    assert (records.base_year, records.target_year) == (2024, 2034)
    assert records.change_percent == Decimal("6.5")
    assert records.employment_base == Decimal("181.5")
    assert records.typical_entry_education == "Postsecondary nondegree award"
    assert records.work_experience == "None"
    physicians = EmploymentProjection.objects.get(occupation__soc_code="29-1228")
    assert physicians.median_annual_wage == 239200 and physicians.median_annual_wage_top_coded
    assert physicians.on_the_job_training == "Internship/residency"
    aides = EmploymentProjection.objects.get(occupation__soc_code="31-1120")
    assert aides.median_annual_wage is None  # an em dash
    assert not aides.occupation.in_current_soc


def test_onet_fills_occupations_we_have_with_attribution(load, base_data):
    run = load("onet")
    assert run.outcome == "succeeded", run.report
    assert run.vintage == "O*NET 27.0"
    specialists = Occupation.objects.get(soc_code="29-2072")
    assert specialists.description == "Keep made-up patient records accurate and complete."
    assert specialists.description_source == ATTRIBUTION.format(version="27.0")
    assert specialists.description_source == (
        "O*NET 27.0 Database, U.S. Department of Labor, Employment and Training Administration, CC BY 4.0"
    )
    assert (specialists.job_zone, specialists.typical_education) == (4, "Made-up Certificate")
    tasks = OccupationTask.objects.filter(occupation=specialists)
    assert list(tasks.values_list("task_id", "is_core")) == [("901", True), ("902", False)]
    assert tasks.get(task_id="901").text == 'Check made-up records for "completeness" and accuracy.'
    assert Occupation.objects.get(soc_code="31-9092").typical_education == "Made-up School Diploma"
    # 15-1252 is not an occupation we have: nothing is created for it.
    assert not Occupation.objects.filter(soc_code="15-1252").exists()
    assert not OccupationTask.objects.filter(onet_soc_code__in=["15-1252.00", "29-2072.01"]).exists()
    # Alternate titles: a title listed twice is kept once, "n/a" short titles are empty, specialties are skipped.
    titles = specialists.alternate_titles.values_list("title", "short_title")
    assert list(titles) == [("Made-up Chart Keeper", ""), ("Made-up Record Clerk", "Record Clerk")]
    assert not OccupationAlternateTitle.objects.exclude(occupation=specialists).exists()


def test_zip_centroids_keep_leading_zeros(load):
    run = load("zcta")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.vintage) == (3, "2025")
    puerto_rico = ZipCentroid.objects.get(zip_code="00601")
    assert (puerto_rico.latitude, puerto_rico.longitude) == (18.2045, -66.7123)
    assert puerto_rico.vintage == "2025" and puerto_rico.source == "Census Gazetteer ZCTA"

"""The datasets a student judges a school by (issue 13), each imported from tiny made-up files in the publisher's
layout: IPEDS IC (distance education), IC_AY (charges), the two IPEDS custom exports, College Scorecard institution
and Field of Study; and the HD columns for contact, Title IV, metro area and closure."""

import datetime
import gzip
import shutil

import pytest

from imports.services import find_data_files, run_import
from schools.models import (
    DistanceEducation,
    DistanceEnrollment,
    GraduationRate,
    Institution,
    InstitutionCost,
    InstitutionOutcome,
    ProgramOutcome,
)

pytestmark = pytest.mark.django_db

FOS = "scorecard-field-of-study"
FOS_SUBSET = "Most-Recent-Cohorts-Field-of-Study_06102026_subset.csv"


@pytest.fixture
def schools(load):
    run = load("ipeds-hd", "hd2024.csv")
    assert run.outcome == "succeeded", run.report
    return run


def test_directory_reads_contact_title_iv_metro_and_county(schools):
    riverbend = Institution.objects.get(unitid="100001")
    assert riverbend.phone == "3345550100"
    assert riverbend.admissions_url == "www.riverbend.example/admissions"
    assert riverbend.application_url == "https://apply.riverbend.example/"
    assert (riverbend.veterans_url, riverbend.disability_url) == ("", "")  # " " and -2: none given
    assert riverbend.title_iv_status == Institution.TitleIvStatus.PARTICIPATES
    assert (riverbend.cbsa, riverbend.cbsa_type, riverbend.county_code) == ("33860", 1, "01101")
    colegio = Institution.objects.get(unitid="100002")
    assert colegio.phone == ""  # -1: not reported
    assert colegio.title_iv_status == Institution.TitleIvStatus.NOT_PARTICIPATING_WITH_OPEID
    lakeside = Institution.objects.get(unitid="100004")
    assert (lakeside.cbsa, lakeside.cbsa_type) == ("", None)  # -2: outside any CBSA


def test_distance_education_keeps_not_reported_apart_from_not_applicable(schools, load):
    run = load("ipeds-offerings", "ic2022.csv")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.skipped, run.vintage) == (5, 1, "2022-23")
    answers = {
        row.institution.unitid: (row.all_programs_online, row.offers_online_programs, row.offers_online_courses)
        for row in DistanceEducation.objects.select_related("institution")
    }
    assert answers == {
        "100001": ("no", "yes", "yes"),
        "100002": ("no", "no", "no"),
        "100004": ("yes", "yes", "yes"),
        "100005": ("not_reported", "not_reported", "not_reported"),
        "100006": ("not_applicable", "not_applicable", "not_applicable"),
    }


def test_charges_are_the_survey_years_and_missing_ones_are_null_not_zero(schools, load):
    run = load("ipeds-charges", "ic2022_ay.csv")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.skipped, run.vintage) == (3, 1, "2022-23")
    riverbend = InstitutionCost.objects.get(institution__unitid="100001")
    assert (riverbend.year, riverbend.tuition_in_district, riverbend.tuition_in_state) == (2022, 4310, 4310)
    assert (riverbend.tuition_out_of_state, riverbend.books_supplies) == (9120, 1250)
    lakeside = InstitutionCost.objects.get(institution__unitid="100004")
    assert lakeside.tuition_in_district is None  # "." with flag A: not applicable, never $0
    harbor = InstitutionCost.objects.get(institution__unitid="100005")
    assert (harbor.tuition_in_state, harbor.books_supplies) == (None, 0)  # a reported 0 stays 0


def test_distance_enrollment_keeps_the_newest_fall_with_a_total(schools, load):
    run = load("ipeds-distance-enrollment", "distance_enrollment_2022-2024_custom.csv")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.vintage) == (3, "fall 2022 to fall 2024")
    rows = {
        r.institution.unitid: (r.fall_year, r.total, r.exclusively_distance, r.some_distance)
        for r in DistanceEnrollment.objects.select_related("institution")
    }
    assert rows == {
        "100001": (2024, 2400, 300, 900),  # SDE_ENROLL_TOTAL read as fall 2024's
        "100002": (2023, 140, None, None),
        "100004": (2024, 5000, None, None),  # not reported: no share shown
    }
    assert DistanceEnrollment.objects.get(institution__unitid="100001").exclusively_distance_share == 0.125
    assert DistanceEnrollment.objects.get(institution__unitid="100004").exclusively_distance_share is None


def test_graduation_rates_take_the_cohort_year_from_the_header(schools, load):
    run = load("ipeds-graduation", "graduation_2015_cohort_custom.csv")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.vintage) == (3, "2015 entering cohort")
    lakeside = GraduationRate.objects.get(institution__unitid="100004")
    assert (lakeside.cohort_year, lakeside.cohort_size, lakeside.awarded_in_6_years) == (2015, 2875, 71)
    harbor = GraduationRate.objects.get(institution__unitid="100005")
    assert (harbor.cohort_size, harbor.awarded_in_4_years) == (12, None)


def test_scorecard_institution_net_price_may_be_negative_and_blank_is_null(schools, load):
    run = load("scorecard-institution", "Most-Recent-Cohorts-Institution_06102026_subset.csv")
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.vintage) == (3, "College Scorecard, June 2026 release")
    riverbend = InstitutionOutcome.objects.get(institution__unitid="100001")
    assert riverbend.released_on == datetime.date(2026, 6, 10)
    assert (riverbend.net_price_average, riverbend.net_price_0_30k, riverbend.completion_rate) == (8450, 6120, 0.3125)
    lakeside = InstitutionOutcome.objects.get(institution__unitid="100004")
    assert (lakeside.net_price_average, lakeside.net_price_0_30k) == (-415, None)
    assert InstitutionOutcome.objects.get(institution__unitid="100005").completion_rate is None


def test_field_of_study_keeps_health_fields_and_suppressed_values_as_null(schools, load):
    run = load(FOS, FOS_SUBSET)
    assert run.outcome == "succeeded", run.report
    assert (run.created, run.skipped) == (3, 3)  # business field, non-credential (99) and NA skipped
    assert "non-credential programs (CREDLEV 99)" in run.report
    assert "fields outside CIP families 51" in run.report
    allied = ProgramOutcome.objects.get(institution__unitid="100001", cip_code="51.08", credential_level=2)
    assert (allied.completers, allied.earnings_1_year, allied.earnings_4_years, allied.median_debt) == (
        37, 41250, 46800, 8750,
    )  # fmt: skip
    assert allied.cip_title == "Made-up Allied Health and Assisting Services"
    assert allied.debt_to_earnings == pytest.approx(8750 / 41250)
    admin = ProgramOutcome.objects.get(institution__unitid="100001", cip_code="51.07")
    assert (admin.completers, admin.earnings_1_year, admin.median_debt, admin.debt_to_earnings) == (6, None, None, None)


def test_field_of_study_reads_the_gzipped_file_and_is_idempotent(schools, tmp_path, fixtures_dir):
    packed = tmp_path / f"{FOS_SUBSET}.gz"
    with open(fixtures_dir / FOS / FOS_SUBSET, "rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    first = run_import(FOS, packed)
    assert (first.outcome, first.created) == ("succeeded", 3), first.report
    again = run_import(FOS, packed)
    assert (again.outcome, again.created, again.updated, again.unchanged) == ("succeeded", 0, 0, 3)


def test_field_of_study_full_layout_picks_columns_by_name_and_replaces_an_older_release(schools, load):
    assert load(FOS, FOS_SUBSET).outcome == "succeeded"
    run = load(FOS, "Most-Recent-Cohorts-Field-of-Study_01152027.csv")
    assert run.outcome == "succeeded", run.report
    assert run.vintage == "College Scorecard, January 2027 release"
    assert set(ProgramOutcome.objects.values_list("released_on", flat=True)) == {datetime.date(2027, 1, 15)}
    allied = ProgramOutcome.objects.get(institution__unitid="100001", cip_code="51.08")
    assert (allied.completers, allied.earnings_1_year, allied.earnings_4_years, allied.median_debt) == (
        44, 43000, 47950, 8900,
    )  # fmt: skip
    suppressed = ProgramOutcome.objects.get(institution__unitid="100001", cip_code="51.07")
    assert (suppressed.completers, suppressed.earnings_1_year, suppressed.median_debt) == (None, None, None)
    assert ProgramOutcome.objects.get(institution__unitid="100006").earnings_4_years is None  # NULL


def test_field_of_study_without_a_required_column_is_refused(schools, load):
    run = load(FOS, "no_debt_column_Most-Recent-Cohorts-Field-of-Study_06102026.csv")
    assert run.outcome == "failed"
    assert "column DEBT_ALL_STGP_EVAL_MDN is missing" in run.report
    assert not ProgramOutcome.objects.exists()


def test_bad_rows_are_reported_by_file_line_and_column_and_nothing_is_written(schools, load):
    run = load(FOS, "bad_rows_Most-Recent-Cohorts-Field-of-Study_06102026.csv")
    assert run.outcome == "failed"
    name = "bad_rows_Most-Recent-Cohorts-Field-of-Study_06102026.csv"
    assert f"{name}:3: CREDLEV: '12' is not a credential level (1 to 8, or 99)" in run.report
    assert f"{name}:4: IPEDSCOUNT1: 'lots' is not a whole number" in run.report
    assert not ProgramOutcome.objects.exists()


def test_new_datasets_need_the_directory_first(load):
    run = load("ipeds-charges", "ic2022_ay.csv")
    assert run.outcome == "failed"
    assert "import an ipeds-hd directory first" in run.report


def test_a_data_folder_imports_them_after_the_directory_and_completions(tmp_path, fixtures_dir):
    for folder in ("ipeds-hd", "ipeds-completions", "ipeds-offerings", "ipeds-charges", "ipeds-distance-enrollment",
                   "ipeds-graduation", "scorecard-institution"):  # fmt: skip
        shutil.copytree(fixtures_dir / folder, tmp_path / folder, ignore=shutil.ignore_patterns("bad"))
    (tmp_path / FOS).mkdir()
    shutil.copy(fixtures_dir / FOS / FOS_SUBSET, tmp_path / FOS / FOS_SUBSET)
    order = [item.dataset for item in find_data_files(tmp_path).files]
    assert order.index("ipeds-hd") < order.index("ipeds-offerings")
    assert order.index("ipeds-completions") < order.index(FOS)
    assert {"ipeds-charges", "ipeds-distance-enrollment", "ipeds-graduation", "scorecard-institution"} <= set(order)

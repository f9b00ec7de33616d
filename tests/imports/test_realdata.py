"""The importers against the real official files in ../shared/data (skipped where that folder is missing).

Counts and spot facts come from SOURCES.md in that folder. The full folder (with the 282,322-row all-CIP
completions file) is imported once, in one test."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from imports.models import ImportRun
from imports.services import import_directory, run_import
from reference_data.models import (
    CipCode,
    CipSocLink,
    EmploymentProjection,
    Occupation,
    OccupationTask,
    WageEstimate,
    ZipCentroid,
)
from schools.models import Completion, Institution, Program

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]
MAY_2025 = datetime.date(2025, 5, 1)


def succeeded(run):
    assert run.outcome == ImportRun.Outcome.SUCCEEDED, run.report
    return run


@pytest.fixture
def cip_and_crosswalk(shared_data_dir):
    succeeded(run_import("cip", shared_data_dir / "cip" / "CIPCode2020.csv"))
    return succeeded(run_import("cip-soc", shared_data_dir / "cip" / "CIP2020_SOC2018_Crosswalk.xlsx"))


def test_hd2023_has_6163_institutions(shared_data_dir):
    run = succeeded(run_import("ipeds-hd", shared_data_dir / "ipeds" / "hd2023.csv"))
    assert (run.created, run.rejected, run.vintage) == (6163, 0, "2023-24")
    assert Institution.objects.count() == 6163
    aamu = Institution.objects.get(unitid="100654")
    assert (aamu.name, aamu.state, aamu.zip_code, aamu.control) == ("Alabama A & M University", "AL", "35762", "1")


def test_the_windows_1252_directory_keeps_its_accents(shared_data_dir):
    succeeded(run_import("ipeds-hd", shared_data_dir / "ipeds" / "hd2022.csv"))
    assert Institution.objects.count() == 6256
    assert Institution.objects.filter(name="Dewey University-Juana Díaz").exists()


def test_cip_codes_and_the_crosswalk(cip_and_crosswalk):
    assert CipCode.objects.count() == 2686  # 2,847 rows less 161 moved-from and deleted codes
    assert CipCode.objects.filter(digits=6).count() == 2172
    for cip in ("51.0707", "51.0713"):
        linked = set(CipSocLink.objects.filter(cip__code=cip).values_list("occupation__soc_code", flat=True))
        assert linked == {"29-2072", "29-9021"}
    assert cip_and_crosswalk.created == 5723
    assert Occupation.objects.filter(in_current_soc=True).exclude(soc_code="00-0000").count() == 867


def test_oews_may_2025_spot_facts(shared_data_dir, cip_and_crosswalk):
    succeeded(run_import("oews", shared_data_dir / "bls" / "national_M2025_dl.xlsx"))
    succeeded(run_import("oews", shared_data_dir / "bls" / "state_M2025_dl_healthcare.csv"))
    national = WageEstimate.objects.get(occupation__soc_code="29-2072", area_type="national", period=MAY_2025)
    assert (national.employment, national.annual_median) == (194720, 51140)
    assert (national.annual_p10, national.annual_p90) == (37000, 81150)
    alabama = WageEstimate.objects.get(occupation__soc_code="29-2072", area_type="state", area_code="01")
    assert (alabama.employment, alabama.annual_median, alabama.state, alabama.period) == (2330, 43810, "AL", MAY_2025)


def test_projections_2024_34_spot_facts(shared_data_dir, cip_and_crosswalk):
    run = succeeded(run_import("projections", shared_data_dir / "bls" / "occupation_2024-2034.xlsx"))
    assert (run.created, run.vintage) == (833, "2024-34")  # 832 occupations and the all-occupations total
    growth = dict(
        EmploymentProjection.objects.filter(base_year=2024, target_year=2034).values_list(
            "occupation__soc_code", "change_percent"
        )
    )
    assert growth["29-2072"] == Decimal("7.1")
    assert growth["31-9092"] == Decimal("12.5")
    nurses = EmploymentProjection.objects.get(occupation__soc_code="29-1141")
    assert (nurses.typical_entry_education, nurses.work_experience, nurses.on_the_job_training) == (
        "Bachelor's degree",
        "None",
        "None",
    )


def test_onet_text_for_medical_records_specialists(shared_data_dir, cip_and_crosswalk):
    succeeded(run_import("onet", shared_data_dir / "onet" / "db_27_0_text"))
    specialists = Occupation.objects.get(soc_code="29-2072")
    assert specialists.description.startswith("Compile, process, and maintain medical records")
    assert specialists.description_source == (
        "O*NET 27.0 Database, U.S. Department of Labor, Employment and Training Administration, CC BY 4.0"
    )
    assert specialists.job_zone == 3
    assert OccupationTask.objects.filter(occupation=specialists).count() > 5
    # O*NET 27.0 lists 44 alternate titles for 29-2072.00, none twice.
    assert specialists.alternate_titles.count() == 44


def test_importing_over_the_guides_seeded_figures_keeps_one_row_per_estimate(shared_data_dir, shipped_content):
    """The shipped starting figures (content/starting-figures.yaml) are May 2025 national figures read from the same
    workbook: the import finds them equal (unchanged), adds the rest, and never duplicates a row."""
    seeded = WageEstimate.objects.filter(area_type="national", period=MAY_2025).count()
    assert seeded > 0
    run = succeeded(run_import("oews", shared_data_dir / "bls" / "national_M2025_dl.xlsx"))
    assert (run.unchanged, run.updated) == (seeded, 0)
    assert WageEstimate.objects.filter(area_type="national", period=MAY_2025).count() == run.created + seeded
    national = WageEstimate.objects.get(occupation__soc_code="29-2072", area_type="national", period=MAY_2025)
    assert national.annual_median == 51140


def test_a_second_import_changes_nothing(shared_data_dir, cip_and_crosswalk):
    files = [("ipeds-hd", "ipeds/hd2024.csv"), ("oews", "bls/MSA_M2025_dl_healthcare.csv")]
    first = [succeeded(run_import(dataset, shared_data_dir / name)) for dataset, name in files]
    before = list(WageEstimate.objects.order_by("pk").values()), list(Institution.objects.order_by("pk").values())
    second = [succeeded(run_import(dataset, shared_data_dir / name)) for dataset, name in files]
    assert [(r.created, r.updated, r.unchanged) for r in second] == [(0, 0, r.created) for r in first]
    assert (list(WageEstimate.objects.order_by("pk").values()), list(Institution.objects.order_by("pk").values())) == (
        before
    )


def test_a_real_file_with_one_bad_row_changes_nothing(shared_data_dir, tmp_path):
    succeeded(run_import("ipeds-hd", shared_data_dir / "ipeds" / "hd2022.csv"))
    before = list(Institution.objects.order_by("pk").values())
    lines = (shared_data_dir / "ipeds" / "hd2023.csv").read_bytes().split(b"\r\n")
    lines[3000] = b"10A654" + lines[3000][6:]  # a UNITID that is not a number, in the middle
    broken = tmp_path / "hd2023.csv"
    broken.write_bytes(b"\r\n".join(lines))
    run = run_import("ipeds-hd", broken)
    assert (run.outcome, run.rejected) == ("failed", 1)
    assert "hd2023.csv:3001: UNITID: '10A654" in run.report
    assert list(Institution.objects.order_by("pk").values()) == before


def resident_mb() -> int:
    """This process's resident memory now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.slow
def test_the_whole_data_folder(shared_data_dir, tmp_path):
    """Everything in ../shared/data, once, in dependency order; then spot facts across the datasets.
    Every period imported is kept (May 2024 and May 2025 side by side)."""
    # A run's peak is the process's high-water mark, which starts at what the process holds already: in a test
    # worker that has run other tests first, a few hundred MB. What the imports add is held to 450 MB (measured in a
    # fresh process: 343 MB at the peak, the 2024 completions file, over about 60 MB of Django).
    before = resident_mb()
    runs = import_directory(shared_data_dir)
    assert [r.outcome for r in runs] == ["succeeded"] * len(runs), [r.report for r in runs if r.outcome != "succeeded"]
    assert max(r.peak_memory_mb for r in runs) - before < 450, [(r.file_name, r.peak_memory_mb, before) for r in runs]
    by_file = {r.file_name: r for r in runs}
    assert "c2023_a_cip51_major1.csv" not in by_file  # covered by the all-CIP file of the same year
    allcip = by_file["c2023_a_major1_allcip.csv"]
    assert allcip.created + allcip.skipped == 282322
    assert Completion.objects.filter(year=2023).count() == allcip.created
    assert Completion.objects.filter(year=2024).count() == 38059
    assert Program.objects.filter(cip__code="51.0713").exists()
    assert Institution.objects.filter(survey_year=2024).count() == 6072
    assert not Institution.objects.filter(survey_year__lt=2024, is_active=True).exists()
    assert ZipCentroid.objects.count() == 33791
    assert ZipCentroid.objects.get(zip_code="00601").latitude == pytest.approx(18.180555)
    assert WageEstimate.objects.filter(occupation__soc_code="29-2072", period=MAY_2025, area_type="national").exists()
    assert (
        WageEstimate.objects.filter(period=datetime.date(2024, 5, 1)).count()
        == by_file["national_M2024_dl.xlsx"].created
    )


def test_oews_industries_may_2025_medical_records_specialists_in_hospitals(shared_data_dir):
    from reference_data.models import IndustryWage

    path = shared_data_dir / "bls" / "national_M2025_dl_industry_healthcare.csv"
    run = succeeded(run_import("oews-industries", path))
    assert run.vintage == "May 2025"
    assert run.created + run.skipped == 9089  # every row is kept or skipped, none rejected
    hospitals = IndustryWage.objects.get(occupation__soc_code="29-2072", naics="622000", period=MAY_2025)
    assert (hospitals.naics_title, hospitals.level) == ("Hospitals", "3-digit")
    assert (hospitals.employment, hospitals.annual_median) == (55530, 59120)

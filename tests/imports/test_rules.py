"""The rules every importer follows: atomic, idempotent, recorded, with reports that name file, line and column."""

import hashlib
import io
import re
import shutil

import pytest
from django.core.management import CommandError, call_command

from imports.models import ImportRun
from imports.planning import find_data_files
from imports.services import import_directory, run_import
from reference_data.models import (
    CipCode,
    CipSocLink,
    EmploymentProjection,
    IndustryWage,
    Occupation,
    OccupationTask,
    WageEstimate,
    ZipCentroid,
)
from schools.models import Completion, Institution, Program

pytestmark = pytest.mark.django_db

IMPORTED_MODELS = [
    CipCode, CipSocLink, Institution, Program, Completion, ZipCentroid,
    Occupation, OccupationTask, WageEstimate, EmploymentProjection, IndustryWage,
]  # fmt: skip


def snapshot():
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in IMPORTED_MODELS}


def import_data(*args):
    out = io.StringIO()
    try:
        call_command("import_data", *map(str, args), stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), None


def test_a_bad_row_in_the_middle_fails_the_command_and_changes_nothing(load, fixtures_dir):
    load("cip")
    load("ipeds-hd", "hd2022.csv")
    before = snapshot()
    output, error = import_data("ipeds-hd", fixtures_dir / "ipeds-hd" / "bad" / "hd2023.csv")
    assert error and "1 row(s) rejected" in error
    assert "hd2023.csv:4: LATITUDE: 'north' is not a number" in output
    assert snapshot() == before
    run = ImportRun.objects.get(file_name="hd2023.csv")
    assert (run.outcome, run.rejected, run.created, run.updated) == ("failed", 1, 0, 0)
    assert "hd2023.csv:4: LATITUDE" in run.report


def test_max_rejects_lets_the_good_rows_in_but_still_exits_non_zero(fixtures_dir):
    output, error = import_data("ipeds-hd", fixtures_dir / "ipeds-hd" / "bad" / "hd2023.csv", "--max-rejects", "1")
    assert error and "allowed by --max-rejects" in error
    assert Institution.objects.count() == 4
    assert not Institution.objects.filter(unitid="100003").exists()
    assert ImportRun.objects.get().outcome == "succeeded"


def test_a_missing_required_column_refuses_the_whole_file(tmp_path, fixtures_dir):
    lines = (fixtures_dir / "ipeds-hd" / "hd2023.csv").read_text(encoding="utf-8-sig").splitlines()
    without_name = ["".join(line.split(",", 2)[0:1]) + "," + line.split(",", 2)[2] for line in lines]
    path = tmp_path / "hd2023.csv"
    path.write_text("\n".join(without_name), encoding="utf-8")
    output, error = import_data("ipeds-hd", path)
    assert error
    assert "hd2023.csv: column INSTNM is missing" in output
    assert Institution.objects.count() == 0


def test_the_report_lists_twenty_bad_rows_then_a_count(tmp_path):
    rows = ["GEOID|INTPTLAT|INTPTLONG", *(f"{n:05d}|north|-70.0" for n in range(1, 31)), "00031|42.0|-70.0"]
    path = tmp_path / "2025_Gaz_zcta_national.txt"
    path.write_text("\n".join(rows))
    run = run_import("zcta", path)
    assert (run.outcome, run.rejected) == ("failed", 30)
    assert run.report.count("INTPTLAT: 'north' is not a number") == 20
    assert "... and 10 more" in run.report
    assert "2025_Gaz_zcta_national.txt:2: INTPTLAT" in run.report
    assert ZipCentroid.objects.count() == 0


def test_duplicate_keys_in_one_file_are_rejected(tmp_path):
    path = tmp_path / "2025_Gaz_zcta_national.txt"
    path.write_text("GEOID|INTPTLAT|INTPTLONG\n00601|18.1|-66.7\n00601|18.2|-66.8\n")
    run = run_import("zcta", path)
    assert run.outcome == "failed"
    assert "2025_Gaz_zcta_national.txt:3: zip_code: duplicate of line 2" in run.report


def test_a_second_import_of_everything_changes_nothing(data_dir):
    first = import_directory(data_dir)
    assert [r.outcome for r in first] == ["succeeded"] * len(first), [
        r.report for r in first if r.outcome != "succeeded"
    ]
    before = snapshot()
    second = import_directory(data_dir)
    assert [r.outcome for r in second] == ["succeeded"] * len(second)
    assert [(r.dataset, r.created, r.updated) for r in second] == [(r.dataset, 0, 0) for r in second]
    # The older directories are skipped row by row: a newer one already holds those institutions.
    assert all(r.unchanged + r.skipped > 0 for r in second)
    assert snapshot() == before


def test_a_dry_run_writes_nothing_but_its_import_run(load, spreadsheets):
    load("cip")
    before = snapshot()
    output, error = import_data("cip-soc", spreadsheets["cip-soc"], "--dry-run")
    assert error is None, output
    assert snapshot() == before
    run = ImportRun.objects.get(dataset="cip-soc")
    assert (run.outcome, run.created) == ("dry_run", 7)
    assert "Dry run: nothing was written." in run.report


def test_every_run_is_recorded_with_its_file_and_figures(fixtures_dir):
    path = fixtures_dir / "zcta" / "2025_Gaz_zcta_national.txt"
    run = run_import("zcta", path)
    run.refresh_from_db()
    assert run.dataset == "zcta" and run.source == str(path)
    assert run.file_name == "2025_Gaz_zcta_national.txt"
    assert run.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (run.vintage, run.outcome, run.created) == ("2025", "succeeded", 3)
    assert run.finished_at >= run.started_at
    assert run.peak_memory_mb and run.peak_memory_mb > 0
    missing = run_import("zcta", fixtures_dir / "zcta" / "nothing-here.txt")
    assert missing.outcome == "failed" and "no such file or folder" in missing.report


def test_the_data_folder_is_imported_in_dependency_order_oldest_first(data_dir):
    plan = find_data_files(data_dir)
    names = [(f.dataset, f.path.name) for f in plan.files]
    assert names == [
        ("cip", "CIPCode2020.csv"),
        ("cip-soc", "CIP2020_SOC2018_Crosswalk.xlsx"),
        ("ipeds-hd", "hd2022.csv"),
        ("ipeds-hd", "hd2023.csv"),
        ("ipeds-hd", "hd2024.csv"),
        ("ipeds-completions", "c2023_a.csv"),
        ("ipeds-completions", "c2024_a_cip51_major1.csv"),
        ("ipeds-offerings", "ic2022.csv"),
        ("ipeds-charges", "ic2022_ay.csv"),
        ("ipeds-distance-enrollment", "distance_enrollment_2022-2024_custom.csv"),
        ("ipeds-graduation", "graduation_2015_cohort_custom.csv"),
        ("scorecard-institution", "Most-Recent-Cohorts-Institution_06102026_subset.csv"),
        ("scorecard-field-of-study", "Most-Recent-Cohorts-Field-of-Study_06102026_subset.csv"),
        ("oews", "national_M2025_dl.xlsx"),
        ("oews", "state_M2025_dl.csv"),
        ("oews", "MSA_M2025_dl.csv"),
        ("oews-industries", "national_M2025_dl_industry_healthcare.csv"),
        ("projections", "occupation_2024-2034.xlsx"),
        ("onet", "db_27_0_text"),
        ("zcta", "2025_Gaz_zcta_national.txt"),
    ]
    # The CIP-51 file of 2023 is a subset of c2023_a.csv (every CIP family): only the complete one is read.
    assert plan.notes == ["c2023_a_cip51_major1.csv: skipped, a file with every CIP family covers the same year (2023)"]
    assert plan.missing == []


def test_import_all_command(data_dir):
    output, error = import_data("all", "--data-dir", data_dir)
    assert error is None, output
    assert "ipeds-hd hd2024.csv: created 1" in output
    assert Institution.objects.filter(is_active=False).get().unitid == "100003"
    assert WageEstimate.objects.filter(area_type="state").count() == 4


def test_load_site_data_without_a_data_folder_lists_every_missing_dataset_and_succeeds(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "no-such-folder"
    out = io.StringIO()
    call_command("load_site_data", "--no-fetch", stdout=out)  # no CommandError: the site starts anyway
    output = " ".join(out.getvalue().split())
    assert f"No data folder at {settings.DATA_DIR}" in output
    missing = re.search(r"Missing, every dataset: (.*?)\. Set DATA_DIR", output).group(1).split("; ")
    assert missing == [
        "cip (e.g. cip/CIPCode2020.csv)",
        "cip-soc (e.g. cip/CIP2020_SOC2018_Crosswalk.xlsx)",
        "ipeds-hd (e.g. ipeds/hd2023.csv)",
        "ipeds-completions (e.g. ipeds/c2024_a_cip51_major1.csv)",
        "ipeds-offerings (e.g. ipeds/ic2022.csv)",
        "ipeds-charges (e.g. ipeds/ic2022_ay.csv)",
        "ipeds-distance-enrollment (e.g. ipeds/distance_enrollment_2020-2024_custom.csv)",
        "ipeds-graduation (e.g. ipeds/graduation_2015_cohort_custom.csv)",
        "scorecard-institution (e.g. scorecard/Most-Recent-Cohorts-Institution_06102026_subset.csv)",
        "scorecard-field-of-study (e.g. scorecard/Most-Recent-Cohorts-Field-of-Study_06102026_subset.csv.gz)",
        "oews (e.g. bls/national_M2025_dl.xlsx)",
        "oews-industries (e.g. bls/national_M2025_dl_industry_healthcare.csv)",
        "projections (e.g. bls/occupation_2024-2034.xlsx)",
        "onet (e.g. onet/db_27_0_text/)",
        "zcta (e.g. census/2025_Gaz_zcta_national.txt)",
    ]
    assert ImportRun.objects.count() == 0


def test_load_site_data_imports_once_and_skips_what_it_already_has(settings, data_dir):
    shutil.rmtree(data_dir / "zcta")
    settings.DATA_DIR = data_dir
    out = io.StringIO()
    call_command("load_site_data", stdout=out)
    assert "Not found in" in out.getvalue() and "zcta (e.g. census/2025_Gaz_zcta_national.txt)" in out.getvalue()
    assert Institution.objects.count() == 6
    runs = ImportRun.objects.count()
    out = io.StringIO()
    call_command("load_site_data", stdout=out)
    assert "hd2024.csv: already imported (same SHA-256), skipped" in out.getvalue()
    assert ImportRun.objects.count() == runs


def test_load_site_data_reports_a_bad_file_and_still_exits_zero(settings, data_dir, fixtures_dir):
    shutil.copy(fixtures_dir / "ipeds-hd" / "bad" / "hd2023.csv", data_dir / "ipeds-hd" / "hd2023.csv")
    settings.DATA_DIR = data_dir
    out, err = io.StringIO(), io.StringIO()
    call_command("load_site_data", stdout=out, stderr=err)
    assert "hd2023.csv:4: LATITUDE: 'north' is not a number" in err.getvalue()
    assert "could not be imported and were left out: hd2023.csv" in err.getvalue()
    assert Institution.objects.filter(unitid="100006").exists()  # the other directories still loaded

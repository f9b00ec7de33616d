"""The importers read the publishers' own forms, as fetch_data leaves them: BLS's state and metropolitan OEWS
workbooks (xlsx, upper-case headers, inside oesm25st.zip / oesm25ma.zip), the full IPEDS completions file
(every column: imputation flags, race and sex breakdowns, second majors, roll-ups), NCES's complete EF2023A_DIST and
GR2023 files, and the College Scorecard's full institution and field-of-study files inside their zips (whose
members lack the release date). Fixtures are made up and written here and in official_layouts.py in those layouts
(the header names are those of BLS's files, of NCES's data dictionaries and of the Scorecard data dictionary)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command

from imports.models import ImportRun
from imports.services import run_import
from reference_data.models import WageEstimate
from schools.models import (
    Completion,
    DistanceEnrollment,
    GraduationRate,
    Institution,
    InstitutionOutcome,
    ProgramOutcome,
)

from .official_layouts import csv_bytes, ef_dist_csv, gr_csv, scorecard_institution_csv
from .publisher import Publisher
from .stand_in_releases import make_zip, write_manifest

pytestmark = pytest.mark.django_db


def workbook_bytes(csv_path, sheet_title):
    """The fixture CSV laid out as BLS's workbook: upper-case headers on a data sheet, notes on a second sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for number, row in enumerate(csv.reader(handle)):
            sheet.append([cell.upper() for cell in row] if number == 0 else row)
    workbook.create_sheet("Field Descriptions").append(["Made-up notes for a test copy"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# NCES's data files put an imputation flag (X...) before each count; the dictionary lists the counts.
GROUPS = ("TOTAL", "AIAN", "ASIA", "BKAA", "HISP", "NHPI", "WHIT", "2MOR", "UNKN", "NRAL")
COUNTS = [f"C{group}{sex}" for group in GROUPS for sex in "TMW"]
FULL_HEADER = ["UNITID", "CIPCODE", "MAJORNUM", "AWLEVEL", *[c for count in COUNTS for c in (f"X{count}", count)]]


def completions_row(unitid, cip, majornum, awlevel, total, men, women):
    counts = [total, men, women, *[0] * (len(COUNTS) - 3)]
    return [unitid, cip, majornum, awlevel, *[v for count in counts for v in ("R", count)]]


def full_completions_csv():
    rows = [
        FULL_HEADER,
        completions_row("100001", "51.0707", 1, 3, 12, 2, 10),
        completions_row("100001", "51.0707", 2, 3, 4, 1, 3),  # second major: not a program's first majors
        completions_row("100001", "51", 1, 3, 16, 3, 13),  # 2-digit roll-up
        completions_row("100001", "99", 1, 3, 16, 3, 13),  # grand total
        completions_row("100002", "51.0713", 1, 2, 7, 0, 7),
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode()


def test_bls_state_and_metro_workbooks_and_the_full_completions_file_import_as_fetched(
    settings, tmp_path, fixtures_dir, spreadsheets, load
):
    for run in (load("cip"), load("cip-soc"), load("ipeds-hd", "hd2024.csv"), load("oews")):
        assert run.outcome == "succeeded", run.report
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_FETCH_BACKOFF_SECONDS = 0
    with Publisher() as publisher:
        publisher.files.update(
            {
                "/oes/oesm25st.zip": make_zip(
                    {
                        "oesm25st/state_M2025_dl.xlsx": workbook_bytes(
                            fixtures_dir / "oews" / "state_M2025_dl.csv", "state_M2025_dl"
                        )
                    }
                ),
                "/oes/oesm25ma.zip": make_zip(
                    {
                        "oesm25ma/MSA_M2025_dl.xlsx": workbook_bytes(
                            fixtures_dir / "oews" / "MSA_M2025_dl.csv", "MSA_M2025_dl"
                        ),
                        "oesm25ma/field_descriptions.xlsx": b"",
                    }
                ),
                "/ipeds/C2024_A.zip": make_zip({"c2024_a.csv": full_completions_csv()}),
            }
        )
        settings.DATA_RELEASES_MANIFEST = write_manifest(
            tmp_path / "m.toml",
            publisher,
            [
                {"dataset": "oews", "url": "/oes/oesm25st.zip", "members": ["state_M2025_dl.xlsx"], "folder": "bls"},
                {"dataset": "oews", "url": "/oes/oesm25ma.zip", "members": ["MSA_M2025_dl.xlsx"], "folder": "bls"},
                {
                    "dataset": "ipeds-completions",
                    "url": "/ipeds/C2024_A.zip",
                    "members": ["c2024_a.csv"],
                    "folder": "ipeds",
                },
            ],
        )
        call_command("fetch_data", stdout=io.StringIO())

    out, err = io.StringIO(), io.StringIO()
    call_command("import_data", "all", "--data-dir", str(settings.DATA_DIR), stdout=out, stderr=err)

    assert err.getvalue() == "", err.getvalue()
    state = WageEstimate.objects.filter(area_type="state", occupation__soc_code="29-2072", area_code="01").get()
    assert (state.employment, state.annual_median) == (2100, 42640)
    assert WageEstimate.objects.filter(area_type="metro", area_code="33860").get().employment == 260
    completions = Completion.objects.filter(year=2024).order_by("total")
    assert [(c.program.cip.code, c.program.award_level, c.total) for c in completions] == [
        ("51.0713", "2", 7),
        ("51.0707", "3", 12),
    ]


def test_the_complete_ipeds_files_and_the_full_scorecard_files_import_as_fetched(
    settings, tmp_path, fixtures_dir, load, client
):
    for run in (load("cip"), load("cip-soc"), load("ipeds-hd", "hd2024.csv")):
        assert run.outcome == "succeeded", run.report
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_FETCH_BACKOFF_SECONDS = 0
    field_of_study = fixtures_dir / "scorecard-field-of-study" / "Most-Recent-Cohorts-Field-of-Study_01152027.csv"
    with Publisher() as publisher:
        publisher.files.update(
            {
                # NCES ships a revised copy beside the original; the revised one (totals doubled here) is used.
                "/ipeds/EF2023A_DIST.zip": make_zip(
                    {"ef2023a_dist.csv": ef_dist_csv(), "ef2023a_dist_rv.csv": ef_dist_csv(scale=2)}
                ),
                "/ipeds/GR2023.zip": make_zip({"gr2023.csv": gr_csv()}),
                "/sc/Most-Recent-Cohorts-Institution_06102026.zip": make_zip(
                    {
                        "Most-Recent-Cohorts-Institution.csv": scorecard_institution_csv(),
                        "__MACOSX/._Most-Recent-Cohorts-Institution.csv": b"\x00\x05\x16\x07",
                    }
                ),
                "/sc/Most-Recent-Cohorts-Field-of-Study_06102026.zip": make_zip(
                    {"Most-Recent-Cohorts-Field-of-Study.csv": field_of_study.read_bytes()}
                ),
            }
        )
        settings.DATA_RELEASES_MANIFEST = write_manifest(
            tmp_path / "m.toml",
            publisher,
            [
                {
                    "dataset": "ipeds-distance-enrollment",
                    "url": "/ipeds/EF2023A_DIST.zip",
                    "members": ["ef2023a_dist.csv"],
                    "folder": "ipeds",
                },
                {
                    "dataset": "ipeds-graduation",
                    "url": "/ipeds/GR2023.zip",
                    "members": ["gr2023.csv"],
                    "folder": "ipeds",
                },
                {
                    "dataset": "scorecard-institution",
                    "url": "/sc/Most-Recent-Cohorts-Institution_06102026.zip",
                    "members": ["Most-Recent-Cohorts-Institution.csv"],
                    "save_as": ["Most-Recent-Cohorts-Institution_06102026.csv"],
                    "folder": "scorecard",
                },
                {
                    "dataset": "scorecard-field-of-study",
                    "url": "/sc/Most-Recent-Cohorts-Field-of-Study_06102026.zip",
                    "members": ["Most-Recent-Cohorts-Field-of-Study.csv"],
                    "save_as": ["Most-Recent-Cohorts-Field-of-Study_06102026.csv"],
                    "folder": "scorecard",
                },
            ],
        )
        call_command("fetch_data", stdout=io.StringIO())

    placed = sorted(p.name for p in (settings.DATA_DIR / "scorecard").iterdir())
    assert placed == ["Most-Recent-Cohorts-Field-of-Study_06102026.csv", "Most-Recent-Cohorts-Institution_06102026.csv"]
    out, err = io.StringIO(), io.StringIO()
    call_command("import_data", "all", "--data-dir", str(settings.DATA_DIR), stdout=out, stderr=err)

    assert err.getvalue() == "", err.getvalue()
    enrollment = {
        r.institution.unitid: (r.fall_year, r.total, r.exclusively_distance, r.some_distance)
        for r in DistanceEnrollment.objects.select_related("institution")
    }
    # The all-students rows only (EFDELEV 1), from the revised file; a school reporting nothing has no row.
    assert enrollment == {"100001": (2023, 5000, 350, 950), "100004": (2023, 10200, 510, 1020)}
    rates = {
        r.institution.unitid: (r.cohort_year, r.cohort_size, r.awarded_in_4_years, r.awarded_in_6_years)
        for r in GraduationRate.objects.select_related("institution")
    }
    # GR2023's bachelor's subcohort entered in 2017: 1,500 and 2,041 of 2,875 are 52% and 71%; a two-year school
    # has no such subcohort, and 4-year completers not reported (".") stay unknown, never 0%.
    assert rates == {"100004": (2017, 2875, 52, 71), "100005": (2017, 12, None, 42)}
    outcomes = {
        o.institution.unitid: (o.released_on, o.completion_rate, o.net_price_average, o.net_price_0_30k,
                               o.net_price_30_48k, o.net_price_110k_plus)
        for o in InstitutionOutcome.objects.select_related("institution")
    }  # fmt: skip
    june = datetime.date(2026, 6, 10)
    assert outcomes == {
        "100001": (june, 0.3333, 8300, 6000, 6900, 12800),  # C150_L4 and the _PUB prices
        "100004": (june, 0.7012, -400, None, 1500, 20000),  # C150_4, _PRIV; PrivacySuppressed is unknown
        "100005": (june, None, 14000, None, None, None),  # _PROG
    }
    assert set(ProgramOutcome.objects.values_list("released_on", flat=True)) == {june}
    assert ProgramOutcome.objects.filter(institution__unitid="100001", cip_code="51.08", credential_level=2).exists()
    loaded = dict(ImportRun.objects.filter(outcome="succeeded").values_list("file_name", "vintage"))
    assert loaded["ef2023a_dist_rv.csv"] == "fall 2023"
    assert loaded["gr2023.csv"] == "2017 entering cohort"

    page = " ".join(client.get(Institution.objects.get(unitid="100004").get_absolute_url()).content.decode().split())
    assert "Awarded a degree within 6 years (2017 entering cohort" in page and "71%" in page
    assert "Students studying only online, fall 2023" in page and "10,200 students" in page
    assert "IPEDS Graduation Rates, 2017 cohort" in page

    check = io.StringIO()
    call_command("fetch_data", "--check", stdout=check)
    for line in (
        "ipeds-distance-enrollment test (EF2023A_DIST.zip): loaded (from ef2023a_dist_rv.csv)",
        "ipeds-graduation test (GR2023.zip): loaded (from gr2023.csv)",
        "scorecard-institution test (Most-Recent-Cohorts-Institution_06102026.zip): loaded "
        "(from Most-Recent-Cohorts-Institution_06102026.csv)",
        "scorecard-field-of-study test (Most-Recent-Cohorts-Field-of-Study_06102026.zip): loaded "
        "(from Most-Recent-Cohorts-Field-of-Study_06102026.csv)",
    ):
        assert line in check.getvalue(), check.getvalue()


def drop_column(data: bytes, name: str) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode())))
    index = rows[0].index(name)
    return csv_bytes([row[:index] + row[index + 1 :] for row in rows])


def replace_cell(data: bytes, unitid: str, column: str, value: str) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode())))
    index = rows[0].index(column)
    for row in rows:
        if row[0] == unitid:
            row[index] = value
    return csv_bytes(rows)


# dataset, file name, the file's bytes, the one-line reason
DAMAGED_OFFICIAL_FILES = {
    "EF_DIST without EFDESOM": (
        "ipeds-distance-enrollment", "ef2023a_dist.csv", lambda: drop_column(ef_dist_csv(), "EFDESOM"),
        "ef2023a_dist.csv: column EFDESOM is missing",
    ),
    "EF_DIST named without its fall": (
        "ipeds-distance-enrollment", "distance.csv", ef_dist_csv,
        "distance.csv: cannot tell the fall from the file name (ef2023a_dist.csv); pass --period 2023",
    ),
    "GR count that is not a number": (
        "ipeds-graduation", "gr2023.csv", lambda: gr_csv().replace(b",R,2875,", b",R,28x5,"),
        "gr2023.csv:5: GRTOTLT: '28x5' is not a whole number",
    ),
    "GR named without its year": (
        "ipeds-graduation", "rates.csv", gr_csv,
        "rates.csv: cannot tell the survey year from the file name; pass --period 2023",
    ),
    "Scorecard full file without NPT45_OTHER": (
        "scorecard-institution", "Most-Recent-Cohorts-Institution_06102026.csv",
        lambda: drop_column(scorecard_institution_csv(), "NPT45_OTHER"),
        "Most-Recent-Cohorts-Institution_06102026.csv: column NPT45_OTHER is missing",
    ),
    "Scorecard completion rate above 1": (
        "scorecard-institution", "Most-Recent-Cohorts-Institution_06102026.csv",
        lambda: replace_cell(scorecard_institution_csv(), "100004", "C150_4", "70.12"),
        "Most-Recent-Cohorts-Institution_06102026.csv:3: C150_4: '70.12' is outside 0 to 1",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", DAMAGED_OFFICIAL_FILES, ids=list(DAMAGED_OFFICIAL_FILES))
def test_a_damaged_official_file_is_refused_whole_with_one_line(case, tmp_path, load):
    assert load("ipeds-hd", "hd2024.csv").outcome == "succeeded"
    dataset, name, data, reason = DAMAGED_OFFICIAL_FILES[case]
    path = tmp_path / name
    path.write_bytes(data())

    run = run_import(dataset, path)

    assert run.outcome == "failed"
    assert reason in run.report, run.report
    assert not DistanceEnrollment.objects.exists()
    assert not GraduationRate.objects.exists()
    assert not InstitutionOutcome.objects.exists()

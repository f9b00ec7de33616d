"""The importers read the publishers' own forms, as fetch_data leaves them: BLS's state and metropolitan OEWS
workbooks (xlsx, upper-case headers, inside oesm25st.zip / oesm25ma.zip) and the full IPEDS completions file
(every column: imputation flags, race and sex breakdowns, second majors, roll-ups). Fixtures are made up and
written here in those layouts (the header names are those of BLS's files and of NCES's C2024_A dictionary)."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from reference_data.models import WageEstimate
from schools.models import Completion

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

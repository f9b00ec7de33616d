"""No fixture row is a row of an official file (../shared/data/SOURCES.md forbids copying them into the project):
every fixture file, and every spreadsheet conftest builds, is compared row by row with the official files."""

import csv
import gzip
import io
from pathlib import Path

import openpyxl
import pytest

from .conftest import write_crosswalk, write_oews_national, write_projections

pytestmark = pytest.mark.realdata

# Fixture (under tests/fixtures) -> the official files its rows must not come from (under ../shared/data).
TEXT_FIXTURES = {
    "ipeds-hd": ["ipeds/hd2022.csv", "ipeds/hd2023.csv", "ipeds/hd2024.csv"],
    "ipeds-completions": ["ipeds/c2023_a_major1_allcip.csv", "ipeds/c2024_a_cip51_major1.csv"],
    "cip": ["cip/CIPCode2020.csv"],
    "oews": ["bls/state_M2025_dl_healthcare.csv", "bls/MSA_M2025_dl_healthcare.csv"],
    "oews-industries": ["bls/national_M2025_dl_industry_healthcare.csv"],
    "zcta": ["census/2025_Gaz_zcta_national.txt"],
    "onet": ["onet/db_27_0_text"],
    "ipeds-offerings": ["ipeds/ic2022.csv"],
    "ipeds-charges": ["ipeds/ic2022_ay.csv"],
    "ipeds-distance-enrollment": ["ipeds/distance_enrollment_2020-2024_custom.csv"],
    "ipeds-graduation": ["ipeds/graduation_2015_cohort_custom.csv"],
    "scorecard-institution": ["scorecard/Most-Recent-Cohorts-Institution_06102026_subset.csv"],
    "scorecard-field-of-study": ["scorecard/Most-Recent-Cohorts-Field-of-Study_06102026_subset.csv.gz"],
}
SPREADSHEETS = {
    write_crosswalk: ["cip/CIP2020_SOC2018_Crosswalk.xlsx"],
    write_oews_national: ["bls/national_M2025_dl.xlsx", "bls/national_M2024_dl.xlsx"],
    write_projections: ["bls/occupation_2024-2034.xlsx"],
}


def cell(value):
    text = "" if value is None else str(value).strip().strip('"').strip()
    try:
        return repr(float(text.replace(",", "")))  # 27.30 and 27.3, "194720" and 194720 are the same figure
    except ValueError:
        return text.lower()


def data_rows(rows):
    """Each row after the header, as a tuple of normalised cells; rows of one short cell (a title) are left out."""
    rows = [tuple(c for c in map(cell, row) if c) for row in rows]
    header = next((i for i, row in enumerate(rows) if len(row) >= 3), -1)
    return [row for row in rows[header + 1 :] if len(row) >= 3 or (row and len(row[0]) >= 20)]


def text_rows(path: Path):
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first = text.split("\n", 1)[0]
    delimiter = "|" if "|" in first else "\t" if "\t" in first else ","
    return data_rows(csv.reader(io.StringIO(text), delimiter=delimiter))


def workbook_rows(path: Path):
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return {sheet.title: data_rows(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}
    finally:
        workbook.close()


def files_in(path: Path):
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def official_rows(shared_data_dir, names):
    rows = set()
    for name in names:
        for path in files_in(shared_data_dir / name):
            if path.suffix == ".xlsx":
                rows.update(hash(row) for sheet in workbook_rows(path).values() for row in sheet)
            else:
                rows.update(hash(row) for row in text_rows(path))
    return rows


@pytest.mark.parametrize("folder", sorted(TEXT_FIXTURES))
def test_no_fixture_file_holds_an_official_row(folder, fixtures_dir, shared_data_dir):
    official = official_rows(shared_data_dir, TEXT_FIXTURES[folder])
    fixtures = [p for p in files_in(fixtures_dir / folder) if p.suffix in (".csv", ".txt")]
    assert fixtures
    copied = [
        f"{path.relative_to(fixtures_dir)}: {', '.join(row)}"
        for path in fixtures
        for row in text_rows(path)
        if hash(row) in official
    ]
    assert copied == []


@pytest.mark.parametrize("write", list(SPREADSHEETS), ids=lambda write: write.__name__)
def test_no_built_spreadsheet_holds_an_official_row(write, tmp_path, shared_data_dir):
    official = official_rows(shared_data_dir, SPREADSHEETS[write])
    built = workbook_rows(write(tmp_path / "fixture.xlsx"))
    copied = [f"{sheet}: {', '.join(row)}" for sheet, rows in built.items() for row in rows if hash(row) in official]
    assert copied == []

"""Fixture files for the importer tests: the hand-written text files in tests/fixtures, plus the three
spreadsheets (crosswalk, OEWS national, projections), which are built here with openpyxl. Values are made up."""

import shutil

import openpyxl
import pytest

from imports.services import run_import

OEWS_HEADER = [
    "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP", "OWN_CODE", "OCC_CODE",
    "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN",
    "A_MEAN", "MEAN_PRSE", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25",
    "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY",
]  # fmt: skip
NATIONAL = ["99", "U.S.", "1", "US", "000000", "Cross-industry", "cross-industry", "1235"]


def oews_row(code, title, group, employment, wages):
    """wages: h_mean, a_mean, h_pct10, h_pct25, h_median, h_pct75, h_pct90, a_pct10 ... a_pct90"""
    h_mean, a_mean, *rest = wages
    return [*NATIONAL, code, title, group, employment, 1.4, None, None, None, None, h_mean, a_mean, 0.8, *rest, "", ""]


def write_xlsx(path, sheets):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def write_crosswalk(path):
    header = ["CIP2020Code", "CIP2020Title", "SOC2018Code", "SOC2018Title"]
    pairs = [
        ["51.0707", "Made-up Health Records Technology/Technician.", "29-2072", "Made-up Records Specialists"],
        ["51.0707", "Made-up Health Records Technology/Technician.", "29-9021",
         "Made-up Health Information Technologists"],
        ["51.0713", "Made-up Insurance Coding Specialist/Coder.", "29-2072", "Made-up Records Specialists"],
        ["51.0713", "Made-up Insurance Coding Specialist/Coder.", "29-9021",
         "Made-up Health Information Technologists"],
        ["51.0801", "Made-up Clinic Helper/Assistant.", "31-9092", "Made-up Clinic Helpers"],
        ["51.0801", "Made-up Clinic Helper/Assistant.", "29-1228", "Made-up Physicians, All Other"],
        ["52.0201", "Made-up Business Running, General.", "11-9111", "Made-up Health Services Managers"],
        ["51.0710", "Made-up Unmatched Program.", "99-9999", "NO MATCH"],
        ["99.9999", "NO MATCH", "55-3016", "Made-up Unmatched Occupation"],
    ]  # fmt: skip
    return write_xlsx(
        path,
        {
            "File Guide": [["File Name", "Description"], ["CIP-SOC", "Made-up guide sheet."]],
            "CIP-SOC": [header, *pairs],
            "SOC-CIP": [
                ["SOC2018Code", "SOC2018Title", "CIP2020Code", "CIP2020Title"],
                ["00-0000", "x", "00.0000", "x"],
            ],
        },
    )


def write_oews_national(path):
    rows = [
        OEWS_HEADER,
        oews_row("00-0000", "All made-up occupations", "total", 150000000,
                 [30.00, 62400, 14.00, 17.00, 23.00, 36.00, 58.00, 29120, 35360, 47840, 74880, 120640]),
        oews_row("29-0000", "Made-up Healthcare Practitioner Occupations", "major", 9000000,
                 [45.00, 93600, 20.00, 27.00, 38.00, 55.00, 80.00, 41600, 56160, 79040, 114400, 166400]),
        oews_row("29-2072", "Made-up Records Specialists", "detailed", 190000,
                 [26.50, 55120, 17.50, 20.50, 24.00, 30.50, 38.50, 36400, 42640, 49920, 63440, 80080]),
        oews_row("29-2010", "Made-up Laboratory Technologists and Technicians", "detailed", 330000,
                 [29.00, 60320, 17.00, 21.00, 28.00, 36.00, 43.00, 35360, 43680, 58240, 74880, 89440]),
        oews_row("29-1228", "Made-up Physicians, All Other", "detailed", "**",
                 ["#", "#", 50.00, 80.00, "#", "#", "#", 104000, 166400, "#", "#", "#"]),
        oews_row("31-9092", "Made-up Clinic Helpers", "detailed", 750000,
                 [21.00, 43680, 16.00, 18.00, 20.50, 23.50, 27.00, 33280, 37440, 42640, 48880, 56160]),
    ]  # fmt: skip
    notes = [
        ["May 2025 OEWS Estimates (made-up test copy)"],
        ["*  = made-up note: no wage figure"],
        ["#  = made-up note: a wage at or above the top code"],
    ]
    return write_xlsx(path, {"national_M2025_dl": rows, "Field Descriptions": notes})


def write_projections(path):
    header = [
        "2024 National Employment Matrix title", "2024 National Employment Matrix code", "Occupation type",
        "Employment, 2024", "Employment, 2034", "Employment distribution, percent, 2024",
        "Employment distribution, percent, 2034", "Employment change, numeric, 2024–34",
        "Employment change, percent, 2024–34", "Percent self employed, 2024",
        "Occupational openings, 2024–34 annual average", "Median annual wage, dollars, 2024[1]",
        "Typical education needed for entry", "Work experience in a related occupation",
        "Typical on-the-job training needed to attain competency in the occupation",
        "Related Occupational Outlook Handbook (OOH) content xlsx",
    ]  # fmt: skip
    rows = [
        ["Table 1.2 Occupational projections, 2024–2034, and worker characteristics, 2024 (Employment in thousands)"],
        header,
        ["Total, all made-up occupations", "00-0000", "Summary", 170000.0, 175000.0, 100, 100, 5000.0, 2.9, 6.2,
         18000.0, 47650, "—", "—", "—", "—"],
        ["  Made-up records specialists", "29-2072", "Line item", 181.5, 193.3, 0.1, 0.1, 11.8, 6.5, 1.3, 12.6,
         48730, "Postsecondary nondegree award", "None", "None", "OOH Content"],
        ["  Made-up clinic helpers", "31-9092", "Line item", 800.0, 904.0, 0.5, 0.5, 104.0, 13.0, "—", 110.0,
         41350, "Postsecondary nondegree award", "None", "None", "OOH Content"],
        ["  Made-up physicians, all other", "29-1228", "Line item", 300.0, 310.0, 0.2, 0.2, 10.0, 3.3, 9.0, 8.0,
         ">=$239,200", "Doctoral or professional degree", "None", "Internship/residency", "—"],
        ["  Made-up aggregated aides", "31-1120", "Line item", 4000.0, 4700.0, 2.4, 2.7, 700.0, 17.5, 3.0, 700.0,
         "—", "High school diploma or equivalent", "None", "Short-term on-the-job training", "—"],
        ["Footnotes:"],
        ["[1] Made-up footnote about wages."],
        ['Note: a made-up note; "—" marks a value that is not available.'],
    ]  # fmt: skip
    return write_xlsx(path, {"Index": [["Occupation.xlsx contents (made-up test copy)"]], "Table 1.2": rows})


@pytest.fixture(scope="session")
def spreadsheets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spreadsheets")
    return {
        "cip-soc": write_crosswalk(folder / "CIP2020_SOC2018_Crosswalk.xlsx"),
        "oews": write_oews_national(folder / "national_M2025_dl.xlsx"),
        "projections": write_projections(folder / "occupation_2024-2034.xlsx"),
    }


@pytest.fixture
def data_dir(tmp_path, fixtures_dir, spreadsheets):
    """A data folder laid out like ../shared/data, made only of the test fixtures."""
    folder = tmp_path / "data"
    for dataset in ("cip", "ipeds-completions", "oews", "oews-industries", "zcta", "onet"):
        shutil.copytree(fixtures_dir / dataset, folder / dataset)
    (folder / "ipeds-hd").mkdir()
    for name in ("hd2022.csv", "hd2023.csv", "hd2024.csv"):
        shutil.copy(fixtures_dir / "ipeds-hd" / name, folder / "ipeds-hd" / name)
    for dataset in ("ipeds-offerings", "ipeds-charges", "ipeds-distance-enrollment", "ipeds-graduation",
                    "scorecard-institution"):  # fmt: skip
        shutil.copytree(fixtures_dir / dataset, folder / dataset)
    fields_of_study = "Most-Recent-Cohorts-Field-of-Study_06102026_subset.csv"
    (folder / "scorecard-field-of-study").mkdir()
    shutil.copy(fixtures_dir / "scorecard-field-of-study" / fields_of_study, folder / "scorecard-field-of-study")
    for dataset, path in spreadsheets.items():
        (folder / dataset).mkdir(exist_ok=True)
        shutil.copy(path, folder / dataset / path.name)
    return folder


@pytest.fixture
def load(fixtures_dir, spreadsheets):
    """Import fixture files by dataset and name: load("cip"), load("ipeds-hd", "hd2023.csv")."""

    def run(dataset, name=None, **options):
        if dataset in spreadsheets and name is None:
            source = spreadsheets[dataset]
        else:
            source = fixtures_dir / dataset / name if name else next((fixtures_dir / dataset).iterdir())
        return run_import(dataset, source, **options)

    return run


@pytest.fixture
def base_data(load):
    """CIP codes, the crosswalk and the institutions, which the other datasets depend on."""
    runs = [load("cip"), load("cip-soc"), load("ipeds-hd", "hd2023.csv")]
    assert [r.outcome for r in runs] == ["succeeded"] * 3, [r.report for r in runs]
    return runs

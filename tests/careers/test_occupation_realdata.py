"""The occupation pages and the index against the official files in ../shared/data (skipped where it is missing).

The expected figures are read here straight from the workbooks with openpyxl, independently of the importers and
of the site's code, and compared with what the pages show."""

import re
from decimal import Decimal

import pytest

from imports.models import ImportRun
from imports.services import run_import
from reference_data.models import Occupation

from .test_views import section, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]

OTHER_HEALTHCARE = {"11-9111", "19-5011", "21-1022", "43-6013"}
NATIONAL_MEDIAN = re.compile(r"Median annual wage, U\.S\.</dt>\s*<dd>([^<]+)</dd>")


def succeeded(run):
    assert run.outcome == ImportRun.Outcome.SUCCEEDED, run.report
    return run


def national_workbook(shared_data_dir):
    """{SOC: (title, A_MEDIAN)} for the detailed healthcare occupations of OEWS May 2025, read from the workbook."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(shared_data_dir / "bls" / "national_M2025_dl.xlsx", read_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    header = next(rows)
    found = {}
    for row in rows:
        record = dict(zip(header, row, strict=False))
        code = record["OCC_CODE"]
        if record["O_GROUP"] == "detailed" and (code[:3] in ("29-", "31-") or code in OTHER_HEALTHCARE):
            found[code] = (record["OCC_TITLE"], record["A_MEDIAN"])
    return found


def projections_workbook(shared_data_dir):
    """{SOC: (change percent, typical entry education, openings)} from table 1.2, and the all-occupations change."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(shared_data_dir / "bls" / "occupation_2024-2034.xlsx", read_only=True)
    rows = {}
    for row in book["Table 1.2"].iter_rows(values_only=True):
        if isinstance(row[1], str) and re.fullmatch(r"\d{2}-\d{4}", row[1]):
            rows.setdefault(row[1], (row[8], row[12]))
    return rows


@pytest.fixture
def loaded(shared_data_dir):
    bls = shared_data_dir / "bls"
    succeeded(run_import("cip", shared_data_dir / "cip" / "CIPCode2020.csv"))
    succeeded(run_import("cip-soc", shared_data_dir / "cip" / "CIP2020_SOC2018_Crosswalk.xlsx"))
    succeeded(run_import("oews", bls / "national_M2025_dl.xlsx"))
    succeeded(run_import("oews", bls / "state_M2025_dl_healthcare.csv"))
    succeeded(run_import("projections", bls / "occupation_2024-2034.xlsx"))
    succeeded(run_import("onet", shared_data_dir / "onet" / "db_27_0_text"))
    return shared_data_dir


def test_92_pages_with_the_workbooks_figures_and_the_index_filter(client, loaded):
    national = national_workbook(loaded)
    assert len(national) == 92
    assert set(Occupation.objects.healthcare().values_list("soc_code", flat=True)) == set(national)

    # Every page answers 200 and shows the workbook's national median.
    for code, (title, median) in national.items():
        response = client.get(f"/careers/occupations/{code}/", follow=True)
        assert response.status_code == 200, code
        shown = NATIONAL_MEDIAN.search(response.content.decode())
        assert shown, code
        assert shown.group(1).removesuffix(" or more") == f"${median:,}", (code, title)

    # Registered Nurses: growth and typical entry education exactly as in table 1.2.
    projections = projections_workbook(loaded)
    growth, education = projections["29-1141"]
    html = client.get("/careers/occupations/29-1141/").content.decode()
    assert f"Typical education needed for entry {education}" in text_of(section(html, "education"))
    outlook = text_of(section(html, "outlook"))
    assert f'<td class="num">{growth}%</td>' in section(html, "outlook")
    assert f"grow {growth}% from 2024 to 2034" in outlook
    assert "Registered Nurses" in html and "Charge Nurse" in text_of(section(html, "what-they-do"))

    # "Entry with a certificate or less, median over $45,000, growing faster than all jobs", computed from the
    # raw files: BLS's categories up to a postsecondary nondegree award (and "some college, no degree").
    certificate_or_less = {
        "No formal educational credential",
        "High school diploma or equivalent",
        "Postsecondary nondegree award",
        "Some college, no degree",
    }
    all_jobs = Decimal(str(projections["00-0000"][0]))
    expected = {
        title
        for code, (title, median) in national.items()
        if code in projections
        and projections[code][1] in certificate_or_less
        and isinstance(median, int)
        and median >= 45_000
        and projections[code][0] is not None
        and Decimal(str(projections[code][0])) > all_jobs
    }
    assert expected  # the question has answers in May 2025
    response = client.get("/careers/", {"education": "certificate", "min_pay": "45000", "growth": "faster"})
    listed = set(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode()))
    assert {title.replace("&#x27;", "'") for title in listed} == expected

"""OEWS national industry-specific estimates (oews-industries): where each occupation works and what each industry
pays, from a hand-written file in BLS's columns."""

import datetime
import io

import pytest
from django.core.management import call_command

from imports.registry import recognised_as
from imports.services import run_import
from reference_data.models import IndustryWage

pytestmark = pytest.mark.django_db
MAY_2025 = datetime.date(2025, 5, 1)
FILE = "national_M2025_dl_industry_healthcare.csv"


@pytest.fixture
def industry_file(fixtures_dir):
    return fixtures_dir / "oews-industries" / FILE


def rows():
    return {
        (row.occupation.soc_code, row.naics): row
        for row in IndustryWage.objects.select_related("occupation")
    }  # fmt: skip


def test_the_file_is_read_as_industry_estimates_not_cross_industry_wages():
    assert recognised_as(FILE) == "oews-industries"
    assert recognised_as("nat3d_M2025_dl.xlsx") == "oews-industries"
    assert recognised_as("national_M2025_dl.xlsx") == "oews"


def test_industries_with_markers_top_codes_and_skipped_roll_ups(industry_file):
    run = run_import("oews-industries", industry_file)
    assert run.outcome == "succeeded", run.report
    # 12 rows: 9 kept; skipped the cross-industry private row, the all-occupations total and the minor group.
    assert (run.created, run.skipped, run.vintage) == (9, 3, "May 2025")
    found = rows()
    hospitals = found[("29-2072", "622000")]
    assert (hospitals.naics_title, hospitals.level, hospitals.period) == ("Made-up Hospitals", "3-digit", MAY_2025)
    assert (hospitals.employment, hospitals.annual_median) == (50000, 57200)
    assert hospitals.source_url == "https://www.bls.gov/oes/2025/may/oes292072.htm"
    assert found[("29-2072", "62--63")].level == "sector"
    assert found[("29-2072", "4240A2")].level == "4-digit"  # an OEWS group of 4-digit industries
    assert found[("29-2072", "623000")].employment is None  # ** employment not available
    assert found[("29-2072", "623000")].annual_median == 47220
    social = found[("29-2072", "624000")]
    assert (social.employment, social.annual_median, social.hourly_median) == (900, None, None)  # * wage
    physicians = found[("29-1228", "622000")]
    assert (physicians.annual_median, physicians.top_coded) == (239200, ["annual_median", "hourly_median"])
    assert found[("29-1228", "621000")].top_coded == []
    assert ("00-0000", "62--63") not in found and ("29-2000", "622000") not in found


def test_a_second_import_changes_nothing(industry_file):
    run_import("oews-industries", industry_file)
    before = list(IndustryWage.objects.order_by("pk").values())
    again = run_import("oews-industries", industry_file)
    assert (again.outcome, again.created, again.updated, again.unchanged) == ("succeeded", 0, 0, 9)
    assert list(IndustryWage.objects.order_by("pk").values()) == before


@pytest.mark.parametrize(
    ("find", "replace", "message"),
    [
        (",622100,", ",6221-0,", ":10: NAICS: '6221-0' is not a NAICS code"),
        (",4-digit,1235,29-2072", ",division,1235,29-2072", ":10: I_GROUP: 'division' is not an industry level"),
        ("99,U.S.,1,US,622100", "01,Alabama,2,AL,622100", ":10: AREA: '01': industry estimates are national (99)"),
    ],
)
def test_a_bad_row_is_named_by_line_and_column_and_changes_nothing(industry_file, tmp_path, find, replace, message):
    run_import("oews-industries", industry_file)
    before = list(IndustryWage.objects.order_by("pk").values())
    text = industry_file.read_text(encoding="utf-8").replace("57620", "57999")  # a change the failure must undo
    lines = text.splitlines(keepends=True)
    lines[9] = lines[9].replace(find, replace, 1)
    broken = tmp_path / FILE
    broken.write_text("".join(lines), encoding="utf-8")
    run = run_import("oews-industries", broken)
    assert (run.outcome, run.rejected) == ("failed", 1)
    assert f"{FILE}{message}" in run.report
    assert list(IndustryWage.objects.order_by("pk").values()) == before


def test_import_data_all_and_the_freshness_panel_know_the_dataset(industry_file, tmp_path):
    folder = tmp_path / "bls"
    folder.mkdir()
    (folder / FILE).write_bytes(industry_file.read_bytes())
    out = io.StringIO()
    call_command("import_data", "all", "--data-dir", str(tmp_path), stdout=out)
    assert IndustryWage.objects.count() == 9
    from imports.freshness import data_freshness

    item = next(item for item in data_freshness(today=datetime.date(2026, 6, 1)) if item.dataset == "oews-industries")
    assert (item.rows, item.vintage, item.label) == (9, "May 2025", "Wages by industry (OEWS)")
    assert not item.warnings
    stale = next(item for item in data_freshness(today=datetime.date(2026, 12, 2)) if item.dataset == "oews-industries")
    assert stale.warnings and "May 2025" in stale.warnings[0]

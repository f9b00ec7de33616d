"""Find a School against the real official files.

The expected set is computed here, independently of the importers and the search code, straight from the raw
files: the newest IPEDS directory (HD), the newest completions file (C_A), the Census Gazetteer and the CIP-SOC
crosswalk workbook. The site's answer comes from its own CSV download after ``manage.py import_data all``.
"""

import csv
import io
import math
import re
from html import unescape

import openpyxl
import pytest
from django.core.management import call_command

from reference_data.models import Occupation
from tests.factories import CareerFactory, CareerOccupationFactory

pytestmark = [pytest.mark.realdata, pytest.mark.slow, pytest.mark.django_db]

ORIGIN_ZIP = "35801"
RADIUS_MILES = 100
EARTH_RADIUS_MILES = 3958.76


def miles(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, h)))


def read_csv_rows(path, delimiter=","):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # hd2022.csv
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in reader:
        yield {key.strip(): (value or "").strip() for key, value in row.items() if key}


def newest(paths, pattern):
    """The file whose name carries the highest year, e.g. hd2024.csv over hd2023.csv."""
    dated = [(int(re.search(pattern, p.name).group(1)), p) for p in paths if re.search(pattern, p.name)]
    year = max(year for year, _ in dated)
    return year, [p for y, p in dated if y == year]


def expected_unitids(data_dir, cip_codes):
    _, (hd_path,) = newest(list((data_dir / "ipeds").glob("hd*.csv")), r"^hd(\d{4})\.csv$")
    active = {}
    for row in read_csv_rows(hd_path):
        # Open: active this year (CYACTIVE) and no closing date (CLOSEDAT -2, "not applicable"); 17 schools of
        # HD2024 are active with a closing date, and Find a School leaves them out by default (issue 13).
        open_now = row["CYACTIVE"] == "1" and row["CLOSEDAT"] in ("-2", "")
        if open_now and row["LATITUDE"] and row["LONGITUD"]:
            active[row["UNITID"]] = (float(row["LATITUDE"]), float(row["LONGITUD"]))

    _, completion_paths = newest(list((data_dir / "ipeds").glob("c*_a_*.csv")), r"^c(\d{4})_a_")
    offering = set()
    for path in completion_paths:
        for row in read_csv_rows(path):
            if row["CIPCODE"] in cip_codes and row["MAJORNUM"] == "1":
                offering.add(row["UNITID"])

    gazetteer = next((data_dir / "census").glob("*_Gaz_zcta_national.txt"))
    origin = next(
        (float(row["INTPTLAT"]), float(row["INTPTLONG"]))
        for row in read_csv_rows(gazetteer, delimiter="|")
        if row["GEOID"] == ORIGIN_ZIP
    )
    return {unitid for unitid in offering & active.keys() if miles(origin, active[unitid]) <= RADIUS_MILES}


def crosswalk_cips(data_dir, soc_code):
    workbook = openpyxl.load_workbook(data_dir / "cip" / "CIP2020_SOC2018_Crosswalk.xlsx", read_only=True)
    rows = workbook["CIP-SOC"].iter_rows(min_row=2, values_only=True)
    return {str(cip).strip() for cip, _, soc, _ in rows if soc == soc_code and re.fullmatch(r"\d\d\.\d{4}", str(cip))}


def site_unitids(client, **params):
    response = client.get("/schools/", {**params, "zip": ORIGIN_ZIP, "radius": str(RADIUS_MILES), "format": "csv"})
    assert response.status_code == 200, response.content[:2000]
    text = b"".join(response.streaming_content).decode()
    return {row["unitid"] for row in csv.DictReader(io.StringIO(text))}


def test_schools_within_100_miles_of_35801_match_the_raw_files(client, shared_data_dir):
    call_command("import_data", "all", "--data-dir", str(shared_data_dir))

    expected = expected_unitids(shared_data_dir, {"51.0713"})
    assert len(expected) >= 5  # Huntsville, Birmingham and around: a real answer, not an empty one
    assert site_unitids(client, program="51.0713") == expected

    # A career's search covers the crosswalk's programs for its occupation (no staff changes on this test career).
    cips = crosswalk_cips(shared_data_dir, "29-2072")
    assert {"51.0707", "51.0713"} <= cips
    career = CareerFactory(slug="realdata-medical-records")
    CareerOccupationFactory(career=career, occupation=Occupation.objects.get(soc_code="29-2072"), is_primary=True)
    assert site_unitids(client, career=career.slug) == expected_unitids(shared_data_dir, cips)

    # The cards compare the state's median pay with the nation's (SOURCES.md: OEWS May 2025, 29-2072).
    page = client.get("/schools/", {"career": career.slug, "zip": ORIGIN_ZIP, "radius": "100", "state": "AL"})
    html = page.content.decode()
    # Each card may add its school's own metro area between them.
    assert re.search(
        r"<strong>\$43,810</strong> in Alabama(, \$[\d,]+ in the [^<]+ metro area)?, \$51,140 nationally\.", html
    )
    assert "BLS OEWS, May 2025" in html

    # The pay line and the cards, with metro pay (issue 13): OEWS May 2025 MSA file, 29-2072, Huntsville (CBSA 26620)
    # $38,150, Alabama $43,810 (state file), the nation $51,140 (national file).
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    assert "Huntsville, AL metro area $38,150 $33,000 to $63,690" in text
    assert "Alabama $43,810" in text and "United States $51,140" in text
    assert "(OEWS), May 2025" in text
    # Each card adds its school's own metro area where OEWS publishes one: Gadsden State (HD2024 CBSA 23460, MSA file
    # $41,030), Samford (13820 Birmingham, $46,490); Wallace State-Hanceville is in a micropolitan area (18980).
    assert "$43,810 in Alabama, $41,030 in the Gadsden, AL metro area, $51,140 nationally." in text
    assert "$43,810 in Alabama, $46,490 in the Birmingham, AL metro area, $51,140 nationally." in text
    assert "$43,810 in Alabama, $51,140 nationally." in text

    # Any ZIP code, PO boxes included, and "City, ST" (issue 13): 77001 is a Houston PO-box ZIP the Gazetteer lacks.
    for place in ("77001", "Houston, TX", "houston tx"):
        page = client.get("/schools/", {"career": career.slug, "zip": place, "radius": "25"})
        assert page.status_code == 200
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", page.content.decode())).split())
        count = re.search(r"([\d,]+) schools?\b", text)
        assert count and int(count.group(1).replace(",", "")) > 0, place
        # Harris County is in CBSA 26420 in HD2024; OEWS May 2025 gives 29-2072 there $51,250.
        assert "Houston-Pasadena-The Woodlands, TX metro area $51,250" in text, place
        assert "Texas $48,860" in text, place

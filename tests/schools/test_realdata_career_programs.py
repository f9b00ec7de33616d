"""Each career's own programs against the real official files (../shared/data; skipped where absent): the CIP
codes and credentials the shipped guides name (content/careers/*.yaml) decide what a career search matches, and the
crosswalk's other codes stay out of it.

The expected facts are read here from the raw completions file, independently of the importers and the search."""

import csv
import io
import re
from html import unescape

import pytest

from imports.services import run_import
from tests.schools.test_realdata import read_csv_rows

pytestmark = [pytest.mark.realdata, pytest.mark.slow, pytest.mark.django_db]

COLUMBUS_STATE = "202222"  # Columbus State Community College, Ohio: its HIM associate degree is 51.0706 in C2024_A
GRADUATE_LEVELS = {"6", "7", "8", "17", "18", "19"}


def csv_rows(client, query):
    response = client.get(f"/schools/?{query}&format=csv")
    assert response.status_code == 200, response.content[:2000]
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def imported(shipped_content, shared_data_dir):
    for dataset, name in (
        ("cip", "cip/CIPCode2020.csv"),
        ("cip-soc", "cip/CIP2020_SOC2018_Crosswalk.xlsx"),
        ("ipeds-hd", "ipeds/hd2024.csv"),
        ("ipeds-completions", "ipeds/c2024_a_cip51_major1.csv"),
    ):
        run = run_import(dataset, shared_data_dir / name)
        assert (run.outcome, run.rejected) == ("succeeded", 0), run.report
    return shared_data_dir


def test_medical_assistant_matches_no_anesthesiologist_assistant_or_graduate_program(client, imported):
    raw = list(read_csv_rows(imported / "ipeds" / "c2024_a_cip51_major1.csv"))
    # The raw file has what the crosswalk would have pulled in: 51.0809 programs, most of them graduate.
    assert len({row["UNITID"] for row in raw if row["CIPCODE"] == "51.0809"}) >= 20
    rows = csv_rows(client, "career=medical-assistant")
    assert len(rows) >= 1000  # a real answer: medical assisting is taught at well over a thousand schools
    programs = "; ".join(row["programs"] for row in rows)
    assert "51.0809" not in programs
    assert "51.0801 Medical/Clinical Assistant - Certificate" in programs
    assert not re.search(r"Master's|Doctor's|Postbaccalaureate|Post-master's|Bachelor's", programs)
    # The search page names the crosswalk's other programs apart, as related programs, linked on their own.
    html = unescape(client.get("/schools/?career=medical-assistant").content.decode())
    assert "Related programs not counted here (2)" in html
    assert "Anesthesiologist Assistant (51.0809)" in html
    assert "/schools/?program=51.0809" in html


def test_cancer_registrar_and_health_information_technician_differ(client, imported):
    registrar = {row["unitid"] for row in csv_rows(client, "career=cancer-registrar")}
    technician = {row["unitid"] for row in csv_rows(client, "career=health-information-technician")}
    raw = list(read_csv_rows(imported / "ipeds" / "c2024_a_cip51_major1.csv"))
    registry_schools = {row["UNITID"] for row in raw if row["CIPCODE"] == "51.0721" and row["MAJORNUM"] == "1"}
    assert registrar and registrar <= registry_schools
    assert len(technician) > 300
    assert registrar != technician


def test_the_rhit_search_covers_every_code_schools_report_the_degree_under(client, imported):
    raw = list(read_csv_rows(imported / "ipeds" / "c2024_a_cip51_major1.csv"))
    # Associate degrees (AWLEVEL 3) in health information: schools use both HIM codes.
    by_code = {}
    for row in raw:
        if row["CIPCODE"] in ("51.0706", "51.0707") and row["AWLEVEL"] == "3" and row["MAJORNUM"] == "1":
            by_code.setdefault(row["CIPCODE"], set()).add(row["UNITID"])
    assert len(by_code["51.0706"]) >= 40 and COLUMBUS_STATE in by_code["51.0706"]

    page = client.get("/certifications/rhit/").content.decode()
    searches = sorted(set(re.findall(r'href="/schools/\?([^"]+)"', page)))
    codes = {re.search(r"program=([0-9.]+)", unescape(query)).group(1) for query in searches}
    assert codes == set(by_code)
    found = set()
    for query in searches:
        found |= {row["unitid"] for row in csv_rows(client, unescape(query))}
    assert found == set().union(*by_code.values())
    assert COLUMBUS_STATE in found
    # And the career the RHIT serves.
    assert COLUMBUS_STATE in {row["unitid"] for row in csv_rows(client, "career=health-information-technician")}

"""The school page's new figures against the real official files (../shared/data; skipped where absent): the
facts listed in SOURCES.md and issue 13, read through the importers and shown on the schools' own pages."""

import datetime
import re
from html import unescape

import pytest

from imports.services import run_import
from schools.models import DistanceEducation, Institution

pytestmark = [pytest.mark.realdata, pytest.mark.slow, pytest.mark.django_db]

FILES = [
    ("ipeds-hd", "ipeds/hd2022.csv"),
    ("ipeds-hd", "ipeds/hd2024.csv"),
    ("ipeds-offerings", "ipeds/ic2022.csv"),
    ("ipeds-charges", "ipeds/ic2022_ay.csv"),
    ("scorecard-institution", "scorecard/Most-Recent-Cohorts-Institution_06102026_subset.csv"),
    ("scorecard-field-of-study", "scorecard/Most-Recent-Cohorts-Field-of-Study_06102026_subset.csv.gz"),
]


def page_text(client, unitid):
    school = Institution.objects.get(unitid=unitid)
    response = client.get(school.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    return html, re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html[html.index("<h1") :])))


def test_real_files_show_on_the_school_pages(client, shared_data_dir):
    for dataset, name in FILES:
        run = run_import(dataset, shared_data_dir / name)
        assert (run.outcome, run.rejected) == ("succeeded", 0), run.report

    # IC2022: DISTNCED ("All programs offered completely via distance education") is 1 for 69, 2 for 5,981.
    answers = DistanceEducation.objects.filter(year=2022)
    assert answers.filter(all_programs_online="yes").count() == 69
    assert answers.filter(all_programs_online="no").count() == 5981

    # Orange County Community College, CIP 51.08, associate (Scorecard CIPCODE 5108, CREDLEV 2).
    _, text = page_text(client, "194240")
    start = text.index("Allied Health and Medical Assisting Services (51.08)")
    row = text[start : text.index("Source:", start)]
    assert row.startswith(
        "Allied Health and Medical Assisting Services (51.08) Associate's degree 51 $51,727 $50,894 $9,500"
    )
    assert "College Scorecard, June 2026" in text[start:]

    # Alabama A & M University: IC2022_AY CHG2AY3, CHG3AY3, CHG4AY3; Scorecard average net price.
    html, text = page_text(client, "100654")
    assert "In-state tuition and fees $10,024" in text
    assert "Out-of-state tuition and fees $18,634" in text
    assert "Books and supplies $1,600" in text
    assert "IPEDS student charges (IC_AY), full-time undergraduates, 2022-23" in text
    assert "Average, all incomes $17,621" in text
    # NPRICURL is "www.aamu.edu/admissions-aid/tuition-fees/net-price-calculator.html" in HD2024: linked with https.
    assert 'href="https://www.aamu.edu/admissions-aid/tuition-fees/net-price-calculator.html"' in html
    assert "Phone (256) 372-5000" in text

    # Valley College of Medical Careers: HD2024 CLOSEDAT 07/30/2024 (its CYACTIVE is still 1).
    valley = Institution.objects.get(unitid="449445")
    assert valley.closed_on == datetime.date(2024, 7, 30)
    assert "Closed. This school closed on 30 July 2024" in page_text(client, "449445")[1]

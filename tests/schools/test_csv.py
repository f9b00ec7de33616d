"""The CSV download: every matching school for the same search, not just the page on screen."""

import csv
import io
import re

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import RequestFactory, override_settings
from django.urls import reverse

from schools import views
from schools.models import Completion, Institution, Program
from tests.factories import ImportRunFactory, InstitutionFactory

from .conftest import NEWEST_YEAR, add_program
from .helpers import search

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="schools(-[a-z0-9]+)*\.csv"', response["Content-Disposition"])
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_every_matching_school_not_just_one_page(client, world):
    for number in range(30):
        school = InstitutionFactory(name=f"Coding School {number:02d}", state="AL")
        add_program(school, world.cips["coding"], "21", {NEWEST_YEAR: 2})
    rows = read_csv(search(client, program="51.0713", state="AL", format="csv", page="2"))
    assert len(rows) == 33  # 30 + Rocket City, Magic City, Capitol; the page parameter does not cut it
    assert [row["name"] for row in rows] == sorted(row["name"] for row in rows)


def test_csv_columns_and_values(client, world):
    rows = read_csv(search(client, career="test-coder", zip="35801", radius="100", format="csv"))
    assert list(rows[0]) == [
        "unitid",
        "name",
        "city",
        "state",
        "zip_code",
        "distance_miles",
        "control",
        "level",
        "web_address",
        "programs",
        "completions",
        "completions_year",
        "state_median_annual_wage",
        "national_median_annual_wage",
        "wage_source",
        "page_url",
        "in_state_tuition_and_fees",
        "tuition_year",
        "average_net_price",
        "net_price_source",
        "graduates_median_earnings_1_year",
        "earnings_source",
        "offers_programs_online",
        "federal_aid",
        "closed",
    ]
    assert [row["name"] for row in rows] == ["Rocket City Community College", "Magic City Career Institute"]
    birmingham = rows[1]
    assert birmingham["unitid"] == world.schools["birmingham"].unitid
    assert birmingham["distance_miles"] == "84.5"
    assert birmingham["control"] == "Private for-profit"
    assert birmingham["programs"] == (
        "51.0713 Medical Insurance Coding Specialist/Coder - Certificate of at least 12 weeks but less than 1 year (30)"
    )
    assert birmingham["completions"] == "30"
    assert birmingham["completions_year"] == "2023-24"
    assert birmingham["state_median_annual_wage"] == "43810"
    assert birmingham["national_median_annual_wage"] == "51140"
    assert birmingham["wage_source"] == "BLS OEWS, May 2025"
    assert birmingham["page_url"] == f"http://testserver{world.schools['birmingham'].get_absolute_url()}"
    huntsville = rows[0]
    assert huntsville["programs"].count(";") == 1  # coding associate and billing certificate
    assert huntsville["completions"] == "17"


def test_csv_without_zip_leaves_distance_empty(client, world):
    rows = read_csv(search(client, state="GA", format="csv"))
    assert [(row["name"], row["distance_miles"], row["wage_source"]) for row in rows] == [
        ("Peachtree University", "", "")
    ]


def test_csv_cells_never_start_a_spreadsheet_formula(client, world):
    school = InstitutionFactory(name='=HYPERLINK("http://evil.example")', city="+Town", state="AL")
    add_program(school, world.cips["coding"], "3", {NEWEST_YEAR: 1})
    rows = read_csv(search(client, format="csv"))
    row = next(row for row in rows if "HYPERLINK" in row["name"])
    assert row["name"].startswith("'=")
    assert row["city"] == "'+Town"


def test_empty_csv_still_has_a_header(client, world):
    rows = read_csv(search(client, q="nothing like this", format="csv"))
    assert rows == []


def download(client, **params):
    return b"".join(search(client, format="csv", **params).streaming_content)


def test_an_export_is_built_from_rows_never_from_model_instances(client, world, monkeypatch):
    def no_instances(*args, **kwargs):
        raise AssertionError("the export built a model instance")

    for model in (Institution, Program, Completion):
        monkeypatch.setattr(model, "from_db", classmethod(no_instances))
    rows = read_csv(search(client, career="test-coder", zip="35801", radius="100", format="csv"))
    assert [row["name"] for row in rows] == ["Rocket City Community College", "Magic City Career Institute"]


def test_a_repeated_export_comes_from_the_cache_until_the_data_changes(client, world, django_assert_num_queries):
    first = download(client, state="AL")
    with django_assert_num_queries(1):  # the content version only
        assert download(client, state="AL", utm_source="newsletter") == first
    school = InstitutionFactory(name="Fresh Coding College", state="AL")
    add_program(school, world.cips["coding"], "21", {NEWEST_YEAR: 4})
    assert b"Fresh Coding College" not in download(client, state="AL")  # still the kept file
    ImportRunFactory(dataset="ipeds-completions")
    assert b"Fresh Coding College" in download(client, state="AL")


def test_an_export_stopped_halfway_is_not_kept(client, world, django_assert_num_queries):
    response = views.school_search(RequestFactory().get(reverse("schools:search"), {"state": "AL", "format": "csv"}))
    next(iter(response.streaming_content))
    # The client goes away: the server closes the response (without closing the test's database connection).
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    # Built again: the content version, the schools' figures, their programs' earnings and the rows (the form's
    # options and the CIP codes are in memory).
    with django_assert_num_queries(4):
        download(client, state="AL")


@override_settings(RATE_LIMITS={"csv-export": (2, 60)})
def test_each_client_may_download_only_so_often(client, world):
    assert download(client, state="AL")
    assert download(client, state="GA")
    refused = search(client, state="AL", format="csv")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.content.decode().startswith("Too many downloads from your address. Please wait ")
    # Another client is not held back; a search page is not limited, nor is a search with errors.
    assert read_csv(client.get(reverse("schools:search"), {"state": "AL", "format": "csv"}, REMOTE_ADDR="10.9.9.9"))
    assert search(client, state="AL").status_code == 200
    assert search(client, state="ZZ", format="csv").status_code == 200

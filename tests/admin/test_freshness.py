"""The data freshness panel on the admin index: per dataset the vintage loaded, when and by whom, row counts, and a
warning when a newer release is due."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from imports.freshness import data_freshness
from imports.models import ImportRun
from reference_data.models import WageEstimate
from tests import factories

pytestmark = pytest.mark.django_db


def by_dataset(items):
    return {item.dataset: item for item in items}


def panel(html):
    return re.search(r'<section class="module freshness".*?</section>', html, flags=re.S).group(0)


@pytest.mark.usefixtures("shipped_content")
def test_every_dataset_is_listed_with_what_the_data_says():
    items = by_dataset(data_freshness(today=datetime.date(2026, 1, 15)))
    assert list(items) == [
        "cip", "cip-soc", "ipeds-hd", "ipeds-completions", "ipeds-offerings", "ipeds-charges",
        "ipeds-distance-enrollment", "ipeds-graduation", "scorecard-institution", "scorecard-field-of-study", "oews",
        "oews-industries", "projections", "onet", "zcta",
    ]  # fmt: skip
    # content/starting-figures.yaml ships BLS figures for May 2025 and projections for 2024-34.
    oews = items["oews"]
    assert oews.vintage == "May 2025" and oews.rows == WageEstimate.objects.count() > 0
    assert oews.last_run is None and oews.warnings == []
    assert items["projections"].vintage == "2024-34"
    assert items["ipeds-hd"].rows == 0 and items["ipeds-hd"].is_empty


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (datetime.date(2026, 10, 31), False),
        (datetime.date(2026, 11, 1), False),  # May 2025 (1 May) + 18 months: exactly 18 months old
        (datetime.date(2026, 11, 2), True),  # the day after: more than 18 months old
    ],
)
@pytest.mark.usefixtures("shipped_content")
def test_oews_more_than_18_months_old_is_due_from_the_exact_day(today, due):
    warnings = by_dataset(data_freshness(today=today))["oews"].warnings
    assert bool(warnings) is due
    if due:
        assert len(warnings) == 1 and "May 2025, more than 18 months ago" in warnings[0]


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (datetime.date(2026, 6, 30), False),
        (datetime.date(2026, 7, 1), False),  # the 2024 year is dated 1 July 2024: exactly two years old
        (datetime.date(2026, 7, 2), True),
    ],
)
def test_ipeds_more_than_two_years_old_is_due_from_the_exact_day(today, due):
    factories.InstitutionFactory(survey_year=2024)
    factories.CompletionFactory(year=2024)
    items = by_dataset(data_freshness(today=today))
    assert items["ipeds-hd"].vintage == "HD2024 (2024-25)" and items["ipeds-completions"].vintage == "2023-24 awards"
    assert bool(items["ipeds-hd"].warnings) is due and bool(items["ipeds-completions"].warnings) is due


def test_months_are_added_by_calendar_date():
    from imports.freshness import add_months

    assert add_months(datetime.date(2025, 5, 1), 18) == datetime.date(2026, 11, 1)
    assert add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)


def test_last_successful_import_names_who_and_when(django_user_model):
    steward = django_user_model.objects.create_user("stew", password="a-long-password-1", is_staff=True)
    finished = timezone.now() - datetime.timedelta(days=3)
    factories.ImportRunFactory(dataset="oews", vintage="May 2024", finished_at=finished - datetime.timedelta(days=30))
    latest = factories.ImportRunFactory(dataset="oews", vintage="May 2025", started_by=steward, finished_at=finished)
    factories.ImportRunFactory(dataset="oews", outcome=ImportRun.Outcome.DRY_RUN, finished_at=timezone.now())
    factories.ImportRunFactory(dataset="oews", outcome=ImportRun.Outcome.FAILED, finished_at=timezone.now())
    item = by_dataset(data_freshness())["oews"]
    assert item.last_run == latest and item.last_run.started_by == steward


def test_the_panel_on_the_admin_index(steward_client, steward, settings):
    factories.ImportRunFactory(
        dataset="oews", vintage="May 2025", started_by=steward, finished_at=timezone.now(), created=1400
    )
    html = panel(steward_client.get(reverse("admin:index")).content.decode())
    assert "Data freshness" in html
    assert "Wages (OEWS)" in html and "May 2025" in html and "by stew" in html
    assert f"{WageEstimate.objects.count()} wage estimates" in html
    assert "Schools (IPEDS directory)" in html and "Never imported" in html
    assert "Import a file" in html  # stewards may import


@pytest.mark.usefixtures("shipped_content")
def test_the_panel_warns_when_a_release_is_due(editor_client):
    WageEstimate.objects.update(period=datetime.date(2023, 5, 1))
    html = panel(editor_client.get(reverse("admin:index")).content.decode())
    assert "Newer release due:" in html and "May 2023" in html
    assert "Import a file" not in html  # editors do not import


def test_the_panel_lists_a_newer_release_from_the_manifest(steward_client, steward):
    """What `fetch_data --check` says, from imports/releases.toml: HD2024.zip is newer than a loaded hd2023.csv."""
    factories.ImportRunFactory(
        dataset="ipeds-hd", file_name="hd2023.csv", vintage="2023-24", finished_at=timezone.now(), started_by=steward
    )
    html = " ".join(panel(steward_client.get(reverse("admin:index")).content.decode()).split())
    assert "Newer release listed: ipeds-hd 2024-25 (HD2024.zip). Run manage.py fetch_data --only ipeds-hd" in (
        re.sub(r"<[^>]+>", "", html)
    )
    assert "(HD2023.zip)" not in html  # that one is loaded


def test_the_panel_compares_the_publishers_files_with_what_the_data_folder_gave(steward_client, steward):
    """The site's data folder held custom exports and Scorecard subsets; the manifest names NCES's complete files and
    the Scorecard's zips. GR2023 (the 2017 cohort) is newer than a loaded 2015 cohort; EF2023A_DIST is not newer
    than an export reaching fall 2024; the June 2026 Scorecard files are the subsets' release."""
    for dataset, file_name in (
        ("ipeds-graduation", "graduation_2015_cohort_custom.csv"),
        ("ipeds-distance-enrollment", "distance_enrollment_2020-2024_custom.csv"),
        ("scorecard-institution", "Most-Recent-Cohorts-Institution_06102026_subset.csv"),
        ("scorecard-field-of-study", "Most-Recent-Cohorts-Field-of-Study_06102026_subset.csv.gz"),
    ):
        factories.ImportRunFactory(dataset=dataset, file_name=file_name, finished_at=timezone.now(), started_by=steward)
    text = re.sub(r"<[^>]+>", "", " ".join(panel(steward_client.get(reverse("admin:index")).content.decode()).split()))
    assert (
        "Newer release listed: ipeds-graduation 2017 entering cohort (GR2023) (GR2023.zip). "
        "Run manage.py fetch_data --only ipeds-graduation"
    ) in text
    assert "EF2023A_DIST.zip" not in text
    assert "Most-Recent-Cohorts-Institution_06102026.zip" not in text
    assert "Most-Recent-Cohorts-Field-of-Study_06102026.zip" not in text


def test_the_index_runs_a_constant_number_of_queries(
    steward_client, django_assert_num_queries, django_assert_max_num_queries, steward
):
    steward_client.get(reverse("admin:index"))
    with django_assert_max_num_queries(26) as counted:
        steward_client.get(reverse("admin:index"))
    baseline = len(counted.captured_queries)
    for dataset in ("oews", "cip", "zcta", "onet"):
        factories.ImportRunFactory.create_batch(3, dataset=dataset, finished_at=timezone.now(), started_by=steward)
    factories.InstitutionFactory.create_batch(5)
    with django_assert_num_queries(baseline):
        steward_client.get(reverse("admin:index"))


def test_the_panel_covers_every_importer():
    from imports.registry import DATASETS

    # Each importer declares its freshness rule (Importer.freshness); the panel lists them in import order.
    assert [item.dataset for item in data_freshness()] == list(DATASETS)


def test_an_admin_import_shows_on_the_panel(steward_client, steward, fixtures_dir, settings, tmp_path):
    from imports.services import run_import

    run = run_import("ipeds-hd", fixtures_dir / "ipeds-hd" / "hd2024.csv", user=steward)
    assert run.outcome == ImportRun.Outcome.SUCCEEDED, run.report
    html = panel(steward_client.get(reverse("admin:index")).content.decode())
    row = re.search(r"<tr[^>]*>\s*<th scope=\"row\">Schools \(IPEDS directory\).*?</tr>", html, flags=re.S).group(0)
    assert "HD2024 (2024-25)" in row and "by stew" in row and f"{run.created} institutions" in row

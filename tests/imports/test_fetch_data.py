"""manage.py fetch_data against a stand-in publisher on 127.0.0.1 (this machine has no internet: the real
addresses in imports/releases.toml are checked for form here, never fetched)."""

import io
import socket

import pytest
from django.core.management import CommandError, call_command

from imports.fetching.manifest import DEFAULT_MANIFEST, load_releases
from imports.models import ImportRun
from imports.registry import IMPORTERS

from .publisher import Publisher
from .stand_in_releases import make_zip, publisher_layout, write_manifest

pytestmark = pytest.mark.django_db

HD_ROWS = (
    "UNITID,INSTNM,ADDR,CITY,STABBR,ZIP,WEBADDR,SECTOR,ICLEVEL,CONTROL,DEATHYR,CLOSEDAT,CYACTIVE,LONGITUD,LATITUDE\r\n"
    "100001,Made-up Fetch College,1 Test Road,Montgomery,AL,36104,fetch.example,4,2,1,-2,-2,1,-86.28,32.39\r\n"
)


@pytest.fixture
def publisher():
    with Publisher() as running:
        yield running


@pytest.fixture
def fetch_settings(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_FETCH_BACKOFF_SECONDS = 0
    settings.DATA_FETCH_CONTACT = "mailto:data@example.org"
    return settings


def fetch(*args):
    out = io.StringIO()
    try:
        call_command("fetch_data", *args, stdout=out)
    except CommandError as exc:
        return 1, out.getvalue() + str(exc)
    return 0, out.getvalue()


def hd_release(url="/data/HD2024.zip"):
    return {"dataset": "ipeds-hd", "url": url, "members": ["hd2024.csv"], "folder": "ipeds"}


def test_a_zip_is_unpacked_into_the_data_folder_with_the_revised_member_preferred(publisher, fetch_settings, tmp_path):
    publisher.files["/data/HD2024.zip"] = make_zip(
        {"HD2024/hd2024.csv": "old", "HD2024/hd2024_rv.csv": HD_ROWS, "HD2024/readme.txt": "x"}
    )
    fetch_settings.DATA_RELEASES_MANIFEST = write_manifest(tmp_path / "m.toml", publisher, [hd_release()])

    status, output = fetch()

    assert status == 0, output
    placed = fetch_settings.DATA_DIR / "ipeds" / "hd2024_rv.csv"
    assert placed.read_bytes() == HD_ROWS.encode()
    assert not (fetch_settings.DATA_DIR / "ipeds" / "hd2024.csv").exists()
    assert "ipeds-hd test (HD2024.zip): fetched" in output
    user_agent = publisher.requests_for("/data/HD2024.zip")[0]["User-Agent"]
    assert "Healthcare Careers Guide" in user_agent and "mailto:data@example.org" in user_agent


def test_a_second_run_downloads_nothing(publisher, fetch_settings, tmp_path):
    publisher.files["/data/HD2024.zip"] = make_zip({"hd2024.csv": HD_ROWS})
    publisher.files["/cip/CIPCode2020.csv"] = b'"CIPFamily","CIPCode"\r\n'
    fetch_settings.DATA_RELEASES_MANIFEST = write_manifest(
        tmp_path / "m.toml", publisher, [hd_release(), {"dataset": "cip", "url": "/cip/CIPCode2020.csv"}]
    )
    assert fetch()[0] == 0
    asked = len(publisher.requests)

    status, output = fetch()

    assert status == 0
    assert len(publisher.requests) == asked == 2
    assert output.count("already fetched") == 2


def test_a_download_cut_in_the_middle_resumes_where_it_stopped(publisher, fetch_settings, tmp_path):
    body = make_zip({"hd2024.csv": HD_ROWS + "".join(f"{n},x\r\n" for n in range(5000))})
    publisher.files["/data/HD2024.zip"] = body
    publisher.cut_once.add("/data/HD2024.zip")
    fetch_settings.DATA_RELEASES_MANIFEST = write_manifest(tmp_path / "m.toml", publisher, [hd_release()])

    status, output = fetch()

    assert status == 0, output
    first, second = publisher.requests_for("/data/HD2024.zip")
    assert "Range" not in first
    assert second["Range"] == f"bytes={len(body) // 2}-"
    assert (fetch_settings.DATA_DIR / "ipeds" / "hd2024.csv").read_bytes().startswith(HD_ROWS.encode())


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (None, "the publisher answered HTTP 404 Not Found"),
        (b"PK\x03\x04 this is not really a zip", "HD2024.zip: not a readable zip archive"),
        (make_zip({"hd2023.csv": HD_ROWS}), "HD2024.zip: expected member hd2024.csv is missing (it holds: hd2023.csv)"),
    ],
    ids=["404", "corrupt zip", "member missing"],
)
def test_a_bad_release_fails_alone_with_a_clear_line_and_nothing_of_it_is_placed(
    publisher, fetch_settings, tmp_path, body, reason
):
    if body is not None:
        publisher.files["/data/HD2024.zip"] = body
    publisher.files["/cip/CIPCode2020.csv"] = b'"CIPFamily","CIPCode"\r\n'
    fetch_settings.DATA_RELEASES_MANIFEST = write_manifest(
        tmp_path / "m.toml", publisher, [hd_release(), {"dataset": "cip", "url": "/cip/CIPCode2020.csv"}]
    )

    status, output = fetch()

    assert status == 1
    assert reason in output
    assert "1 of 2 releases could not be fetched" in output
    assert not (fetch_settings.DATA_DIR / "ipeds").exists() or not any((fetch_settings.DATA_DIR / "ipeds").iterdir())
    assert (fetch_settings.DATA_DIR / "data" / "CIPCode2020.csv").exists()


def test_a_file_over_the_size_cap_is_refused(publisher, fetch_settings, tmp_path):
    publisher.files["/cip/CIPCode2020.csv"] = b"x" * 5000
    fetch_settings.DATA_FETCH_MAX_BYTES = 1000
    fetch_settings.DATA_RELEASES_MANIFEST = write_manifest(
        tmp_path / "m.toml", publisher, [{"dataset": "cip", "url": "/cip/CIPCode2020.csv"}]
    )

    status, output = fetch()

    assert status == 1
    assert "the file is 5,000 bytes, over the 1,000-byte limit" in output
    assert not (fetch_settings.DATA_DIR / "data").exists()


def test_no_network_is_said_in_one_line(fetch_settings, tmp_path):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    manifest = tmp_path / "m.toml"
    manifest.write_text(
        "releases = [\n"
        f'  {{ dataset = "cip", vintage = "t", folder = "cip", url = "http://127.0.0.1:{port}/a.csv", page = "p" }},\n'
        f'  {{ dataset = "zcta", vintage = "t", folder = "c", url = "http://127.0.0.1:{port}/b.txt", page = "p" }},\n'
        "]\n"
    )
    fetch_settings.DATA_RELEASES_MANIFEST = manifest

    status, output = fetch()

    assert status == 1
    assert "No publisher answered: this machine seems to have no internet." in output


def test_check_lists_what_is_newer_than_the_loaded_data_without_downloading(publisher, fetch_settings, tmp_path):
    fetch_settings.DATA_RELEASES_MANIFEST = write_manifest(
        tmp_path / "m.toml",
        publisher,
        [
            hd_release("/data/HD2024.zip"),
            {"dataset": "ipeds-hd", "url": "/data/HD2023.zip", "members": ["hd2023.csv"]},
            {"dataset": "zcta", "url": "/z/2025_Gaz_zcta_national.zip", "members": ["2025_Gaz_zcta_national.txt"]},
        ],
    )
    ImportRun.objects.create(dataset="ipeds-hd", source="x", file_name="hd2023.csv", outcome="succeeded")
    ImportRun.objects.create(dataset="ipeds-hd", source="x", file_name="hd2024.csv", outcome="failed")

    status, output = fetch("--check")

    assert status == 1
    assert "ipeds-hd test (HD2024.zip): newer than what is loaded (hd2023.csv)" in output
    assert "ipeds-hd test (HD2023.zip): loaded (from hd2023.csv)" in output
    assert "zcta test (2025_Gaz_zcta_national.zip): not loaded yet" in output
    assert publisher.requests == []


def test_check_compares_releases_by_vintage_whatever_layout_was_loaded(publisher, fetch_settings, tmp_path):
    """A custom export or a Scorecard subset was loaded; the manifest names the publishers' complete files."""
    fetch_settings.DATA_RELEASES_MANIFEST = write_manifest(
        tmp_path / "m.toml",
        publisher,
        [
            {"dataset": "ipeds-graduation", "url": "/d/GR2023.zip", "members": ["gr2023.csv"]},
            {"dataset": "ipeds-graduation", "url": "/d/GR2021.zip", "members": ["gr2021.csv"]},
            {"dataset": "ipeds-distance-enrollment", "url": "/d/EF2023A_DIST.zip", "members": ["ef2023a_dist.csv"]},
            {
                "dataset": "scorecard-institution",
                "url": "/d/Most-Recent-Cohorts-Institution_06102026.zip",
                "members": ["Most-Recent-Cohorts-Institution.csv"],
                "save_as": ["Most-Recent-Cohorts-Institution_06102026.csv"],
            },
            {
                "dataset": "scorecard-field-of-study",
                "url": "/d/Most-Recent-Cohorts-Field-of-Study_06102026.zip",
                "members": ["Most-Recent-Cohorts-Field-of-Study.csv"],
                "save_as": ["Most-Recent-Cohorts-Field-of-Study_06102026.csv"],
            },
        ],
    )
    for dataset, file_name in (
        ("ipeds-graduation", "graduation_2015_cohort_custom.csv"),
        ("ipeds-distance-enrollment", "distance_enrollment_2020-2024_custom.csv"),
        ("scorecard-institution", "Most-Recent-Cohorts-Institution_06102026_subset.csv"),
        ("scorecard-field-of-study", "Most-Recent-Cohorts-Field-of-Study_03232026.csv"),
    ):
        ImportRun.objects.create(dataset=dataset, source="x", file_name=file_name, outcome="succeeded")

    status, output = fetch("--check")

    assert status == 1
    # GR2023 reports the 2017 cohort, GR2021 the 2015 cohort the export held.
    assert "ipeds-graduation test (GR2023.zip): newer than what is loaded (graduation_2015_cohort_custom.csv)" in output
    assert "ipeds-graduation test (GR2021.zip): loaded (from graduation_2015_cohort_custom.csv)" in output
    # Fall 2023 is not newer than an export reaching fall 2024.
    assert "(EF2023A_DIST.zip): older than what is loaded (distance_enrollment_2020-2024_custom.csv)" in output
    assert (
        "scorecard-institution test (Most-Recent-Cohorts-Institution_06102026.zip): loaded "
        "(from Most-Recent-Cohorts-Institution_06102026_subset.csv)"
    ) in output
    assert (
        "scorecard-field-of-study test (Most-Recent-Cohorts-Field-of-Study_06102026.zip): newer than what is loaded "
        "(Most-Recent-Cohorts-Field-of-Study_03232026.csv)"
    ) in output
    assert publisher.requests == []


def test_a_release_without_an_address_is_named_with_its_page_not_failed(publisher, fetch_settings, tmp_path):
    publisher.files["/cip/CIPCode2020.csv"] = b'"CIPFamily","CIPCode"\r\n'
    manifest = write_manifest(tmp_path / "m.toml", publisher, [{"dataset": "cip", "url": "/cip/CIPCode2020.csv"}])
    manifest.write_text(
        manifest.read_text().replace(
            "]",
            '  { dataset = "ipeds-graduation", vintage = "t", folder = "ipeds", members = ["g.csv"], '
            'manual = "a custom export", page = "https://example.org/datacenter" },\n]',
        )
    )
    fetch_settings.DATA_RELEASES_MANIFEST = manifest

    status, output = fetch()

    assert status == 0, output
    assert "ipeds-graduation t (g.csv): by hand: a custom export (see https://example.org/datacenter)" in output
    assert (fetch_settings.DATA_DIR / "data" / "CIPCode2020.csv").exists()


def test_unknown_names_in_only_are_refused(fetch_settings):
    status, output = fetch("--only", "ipeds-hd", "no-such-data")
    assert status == 1
    assert "unknown release no-such-data" in output


def test_the_manifest_lists_every_dataset_the_site_imports_with_the_publishers_page():
    releases = load_releases(DEFAULT_MANIFEST)

    assert {r.dataset for r in releases} == set(IMPORTERS)
    for release in releases:
        assert release.page.startswith("https://"), release
        if release.manual:  # no fixed address: the steward saves the file under this name
            assert not release.url and release.members, release
        else:
            assert release.url.startswith("https://"), release
            assert not release.is_zip or release.members, release
    # The four once read from derived files come in the publishers' form. The one release left to a steward is BLS's
    # industry workbooks, whose zip members were never seen from this machine; it says why in its manifest line.
    assert [r.dataset for r in releases if r.manual] == ["oews-industries"]
    assert all("not been checked against a real download" in r.manual for r in releases if r.manual)
    ipeds_years = sorted(r.file_name for r in releases if r.dataset in ("ipeds-hd", "ipeds-completions"))
    assert ipeds_years == ["C2023_A.zip", "C2024_A.zip", "HD2023.zip", "HD2024.zip"]  # the newest two years


def test_a_fresh_install_with_an_empty_data_folder_fetches_imports_and_serves_a_search(
    publisher, fetch_settings, tmp_path, fixtures_dir, spreadsheets, client
):
    """What scripts/run does on a new machine (load_site_data after migrate), against the stand-in publisher."""
    files, releases = publisher_layout(fixtures_dir, spreadsheets)
    publisher.files.update(files)
    fetch_settings.DATA_RELEASES_MANIFEST = write_manifest(tmp_path / "m.toml", publisher, releases)
    out, err = io.StringIO(), io.StringIO()

    call_command("load_site_data", stdout=out, stderr=err)

    assert err.getvalue() == ""
    assert "Official data from" in out.getvalue()
    succeeded = ImportRun.objects.filter(outcome="succeeded")
    assert sorted(succeeded.values_list("dataset", flat=True)) == sorted(r["dataset"] for r in releases)
    response = client.get("/schools/", {"q": "Riverbend"})
    assert response.status_code == 200
    assert "Riverbend Community College" in response.content.decode()
    asked = len(publisher.requests)
    call_command("load_site_data", stdout=io.StringIO(), stderr=io.StringIO())
    assert len(publisher.requests) == asked  # the data is there: nothing fetched again

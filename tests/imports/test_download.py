"""Imports from an http(s) address: streamed to a temporary file, with progress, then imported like a local file."""

import functools
import io
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from imports.services import run_import
from reference_data.models import Occupation, ZipCentroid
from schools.models import Institution

pytestmark = pytest.mark.django_db


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def web_root(tmp_path, fixtures_dir):
    """A local web server on 127.0.0.1 serving a copy of the fixtures and two zip archives."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "2025_Gaz_zcta_national.txt").write_bytes(
        (fixtures_dir / "zcta" / "2025_Gaz_zcta_national.txt").read_bytes()
    )
    with zipfile.ZipFile(root / "HD2023.zip", "w") as archive:
        archive.write(fixtures_dir / "ipeds-hd" / "hd2023.csv", "hd2023.csv")
    with zipfile.ZipFile(root / "db_27_0_text.zip", "w") as archive:
        for path in (fixtures_dir / "onet" / "db_27_0_text").iterdir():
            archive.write(path, f"db_27_0_text/{path.name}")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_download_then_import_with_progress(web_root):
    calls = []
    url = f"{web_root}/2025_Gaz_zcta_national.txt"
    run = run_import("zcta", url, progress=lambda done, total: calls.append((done, total)))
    assert run.outcome == "succeeded", run.report
    assert (run.source, run.file_name, run.created) == (url, "2025_Gaz_zcta_national.txt", 3)
    assert ZipCentroid.objects.filter(zip_code="00601").exists()
    assert calls and calls[-1][0] == calls[-1][1] > 0


def test_a_zip_download_is_unpacked(web_root):
    run = run_import("ipeds-hd", f"{web_root}/HD2023.zip")
    assert run.outcome == "succeeded", run.report
    assert run.file_name == "hd2023.csv" and run.vintage == "2023-24"
    assert Institution.objects.count() == 5


def test_the_onet_release_zip(web_root, load):
    load("cip")
    load("cip-soc")
    run = run_import("onet", f"{web_root}/db_27_0_text.zip")
    assert run.outcome == "succeeded", run.report
    assert Occupation.objects.get(soc_code="29-2072").job_zone == 4


def test_a_missing_address_fails_cleanly(web_root):
    run = run_import("zcta", f"{web_root}/2024_Gaz_zcta_national.txt")
    assert run.outcome == "failed"
    assert "download failed: HTTP 404" in run.report
    assert ZipCentroid.objects.count() == 0


def test_the_command_downloads_too(web_root):
    out = io.StringIO()
    call_command("import_data", "zcta", f"{web_root}/2025_Gaz_zcta_national.txt", stdout=out)
    assert f"Downloading {web_root}/2025_Gaz_zcta_national.txt" in out.getvalue()
    assert "zcta 2025_Gaz_zcta_national.txt: created 3" in out.getvalue()
    assert "100%" in out.getvalue()  # plain progress lines when not on a terminal


def test_the_command_line_may_download_from_this_machine(web_root, settings):
    # Only imports started from the admin are limited to public addresses (IMPORT_ALLOW_PRIVATE_ADDRESSES).
    settings.IMPORT_ALLOW_PRIVATE_ADDRESSES = False
    out = io.StringIO()
    call_command("import_data", "zcta", f"{web_root}/2025_Gaz_zcta_national.txt", stdout=out)
    assert "zcta 2025_Gaz_zcta_national.txt: created 3" in out.getvalue()


class RedirectToFtp(QuietHandler):
    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", "ftp://files.example/2025_Gaz_zcta_national.txt")
        self.end_headers()


def test_a_redirect_to_anything_but_http_is_refused():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RedirectToFtp)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        run = run_import("zcta", f"http://127.0.0.1:{server.server_address[1]}/2025_Gaz_zcta_national.txt")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert run.outcome == "failed"
    assert "download refused: it redirects to ftp://files.example/2025_Gaz_zcta_national.txt" in run.report
    assert ZipCentroid.objects.count() == 0

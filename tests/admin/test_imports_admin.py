"""Imports from the admin: a data steward uploads an official file (or gives its address), runs a dry run that shows
the counts and every rejected row with file, line and reason, then confirms the real import without uploading
again. A bad file writes nothing. The ImportRun history is browsable and read-only."""

import datetime
import functools
import hashlib
import html as html_lib
import io
import os
import re
import shutil
import signal
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from core.roles import DATA_STEWARDS
from imports import admin_jobs, safe_download, stored_uploads
from imports.models import ImportRun
from imports.safe_download import INTERNAL_ADDRESS_MESSAGE
from imports.services import run_import
from reference_data.models import ZipCentroid
from schools.models import Institution
from tests import factories
from tests.html import tags

from .conftest import make_staff

IMPORT = reverse("admin:imports_importrun_import")
CONFIRM = reverse("admin:imports_importrun_confirm")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Jobs run at once, in the request (config.settings.test: the immediate task backend); the last test below
    # queues them in the database for a real worker.
    return settings.MEDIA_ROOT


def upload(fixtures_dir, dataset_folder, name, *, as_name=None):
    content = (fixtures_dir / dataset_folder / name).read_bytes()
    return SimpleUploadedFile(as_name or name.split("/")[-1], content, content_type="text/csv")


def check(client, dataset, **fields):
    data = {"dataset": dataset, "url": "", "period": "", "max_rejects": 0, **fields}
    return client.post(IMPORT, data)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


def links(html):
    """Each link's text (tags removed) and address."""
    return {text_of(text).strip(): href for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)}


def confirm_token(html):
    match = re.search(r'name="token" value="([^"]+)"', html)
    return match.group(1) if match else None


class LocalServer:
    """A web server on 127.0.0.1 serving a folder, that records every path asked for and answers the paths in
    ``redirects`` with a 302 to the address given."""

    def __init__(self, root):
        self.root, self.requests, self.redirects = root, [], {}
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append(self.path)
                if self.path in server.redirects:
                    self.send_response(302)
                    self.send_header("Location", server.redirects[self.path])
                    self.end_headers()
                    return
                super().do_GET()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def local_server(tmp_path, fixtures_dir):
    root = tmp_path / "www"
    root.mkdir()
    shutil.copy(fixtures_dir / "zcta" / "2025_Gaz_zcta_national.txt", root)
    server = LocalServer(root)
    yield server
    server.stop()


def snapshot_institutions():
    return list(Institution.objects.order_by("unitid").values())


def without_timing(report):
    return re.sub(r"in \d+\.\d s, peak memory \d+ MB", "in (time), peak memory (memory)", report)


def stored_files():
    """Everything the admin keeps under MEDIA_ROOT/imports: uploaded or downloaded files and job states."""
    root = stored_uploads.storage_root()
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.django_db
class TestDryRunThenImport:
    def test_upload_dry_run_then_confirm(self, steward_client, steward, fixtures_dir):
        # An older directory is loaded already: the newer one adds two schools and updates the others.
        assert run_import("ipeds-hd", fixtures_dir / "ipeds-hd" / "hd2022.csv").outcome == ImportRun.Outcome.SUCCEEDED
        assert Institution.objects.count() == 4
        before = snapshot_institutions()

        response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
        assert response.status_code == 302
        job_page = steward_client.get(response["Location"])
        html = job_page.content.decode()
        text = text_of(html)
        assert "Dry run finished: nothing was written" in text
        assert snapshot_institutions() == before  # nothing written, not even an update
        dry_run = ImportRun.objects.get(source="uploaded in the admin: hd2024.csv")
        assert dry_run.outcome == ImportRun.Outcome.DRY_RUN
        assert (dry_run.dataset, dry_run.vintage, dry_run.started_by) == ("ipeds-hd", "2024-25", steward)
        assert (dry_run.created, dry_run.updated, dry_run.rejected) == (2, 4, 0)  # 100005 and 100006 are new
        counts = re.search(r'<table class="import-counts">.*?</table>', html, flags=re.S).group(0)
        assert re.findall(r"<td>(\d+)</td>", counts) == ["2", "4", "0", "0", "0"]
        sha = hashlib.sha256((fixtures_dir / "ipeds-hd" / "hd2024.csv").read_bytes()).hexdigest()
        assert dry_run.sha256 == sha and sha in html
        token = confirm_token(html)
        assert token and "Run the import" in html

        # Confirm: the stored copy is imported; nothing is uploaded again.
        response = steward_client.post(CONFIRM, {"token": token})
        assert response.status_code == 302
        html = steward_client.get(response["Location"]).content.decode()
        run = ImportRun.objects.get(source="uploaded in the admin: hd2024.csv", outcome=ImportRun.Outcome.SUCCEEDED)
        assert "Imported" in text_of(html) and confirm_token(html) is None
        assert (run.created, run.updated) == (dry_run.created, dry_run.updated)
        assert Institution.objects.count() == 4 + 2
        assert set(Institution.objects.filter(survey_year=2024).values_list("unitid", flat=True)) == {
            "100001", "100002", "100004", "100005", "100006",
        }  # fmt: skip
        assert (run.sha256, run.started_by) == (sha, steward)
        assert not (stored_uploads.storage_root() / sha).exists()  # the stored copy goes once it is imported

    def test_the_report_is_the_one_the_command_line_prints(self, steward_client, fixtures_dir):
        # A report with something to say: a rejected row (allowed), an older directory's school marked inactive.
        assert run_import("ipeds-hd", fixtures_dir / "ipeds-hd" / "hd2022.csv").outcome == ImportRun.Outcome.SUCCEEDED
        out = io.StringIO()
        with pytest.raises(CommandError, match="allowed by --max-rejects"):
            call_command(
                "import_data", "ipeds-hd", str(fixtures_dir / "ipeds-hd" / "bad" / "hd2023.csv"), "--dry-run",
                "--max-rejects", "1", stdout=out,
            )  # fmt: skip
        command_output = out.getvalue()
        response = check(
            steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "bad/hd2023.csv"), max_rejects=1
        )
        html = steward_client.get(response["Location"]).content.decode()
        page_report = html_lib.unescape(re.search(r'<pre class="import-report">(.*?)</pre>', html, re.S).group(1))
        assert "hd2023.csv:4: LATITUDE: 'north' is not a number" in page_report
        assert len(page_report.splitlines()) >= 4
        # The command prints what it is doing and its progress, then the very same report (time and memory aside).
        assert command_output.startswith("Importing hd2023.csv as ipeds-hd (dry run)\n")
        assert without_timing(command_output).endswith("\n" + without_timing(page_report) + "\n")

    def test_a_bad_file_writes_nothing_and_reports_each_rejected_row(self, steward_client, fixtures_dir):
        response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "bad/hd2023.csv"))
        html = steward_client.get(response["Location"]).content.decode()
        text = text_of(html)
        assert "Failed: nothing was written" in text
        run = ImportRun.objects.get()
        assert run.outcome == ImportRun.Outcome.FAILED and run.rejected > 0
        assert Institution.objects.count() == 0
        # Rejected rows are listed as file:line: column: reason.
        assert re.search(r"hd2023\.csv:\d+: LATITUDE: 'north' is not a number", text), text[:4000]
        assert confirm_token(html) is None and "check it again" in text

    def test_allowing_rejected_rows_imports_the_good_ones(self, steward_client, fixtures_dir):
        response = check(
            steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "bad/hd2023.csv"), max_rejects=10
        )
        html = steward_client.get(response["Location"]).content.decode()
        dry_run = ImportRun.objects.get()
        assert dry_run.outcome == ImportRun.Outcome.DRY_RUN and dry_run.rejected > 0
        steward_client.post(CONFIRM, {"token": confirm_token(html)})
        run = ImportRun.objects.get(outcome=ImportRun.Outcome.SUCCEEDED)
        assert run.rejected == dry_run.rejected and Institution.objects.count() == run.created > 0

    def test_a_download_address_is_fetched_once(self, steward_client, local_server, settings):
        settings.IMPORT_ALLOW_PRIVATE_ADDRESSES = True  # the test's server is on 127.0.0.1
        url = local_server.url("/2025_Gaz_zcta_national.txt")
        response = check(steward_client, "zcta", url=url)
        html = steward_client.get(response["Location"]).content.decode()
        assert ZipCentroid.objects.count() == 0 and "Dry run finished" in text_of(html)
        steward_client.post(CONFIRM, {"token": confirm_token(html)})
        run = ImportRun.objects.get(outcome=ImportRun.Outcome.SUCCEEDED)
        assert run.source == url and ZipCentroid.objects.count() == run.created > 0
        assert local_server.requests == ["/2025_Gaz_zcta_national.txt"]

    def test_a_tampered_or_stale_token_imports_nothing(self, steward_client, fixtures_dir, settings):
        response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
        token = confirm_token(steward_client.get(response["Location"]).content.decode())
        response = steward_client.post(CONFIRM, {"token": token[:-2] + "xx"}, follow=True)
        assert "Nothing was imported: this confirmation link is not valid" in response.content.decode()
        settings.ADMIN_IMPORT_CONFIRM_MAX_AGE = datetime.timedelta(seconds=-1)
        response = steward_client.post(CONFIRM, {"token": token}, follow=True)
        assert "too old to confirm" in response.content.decode()
        assert Institution.objects.count() == 0
        assert not ImportRun.objects.filter(outcome=ImportRun.Outcome.SUCCEEDED).exists()

    def test_a_changed_stored_file_is_refused(self, steward_client, fixtures_dir):
        response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
        token = confirm_token(steward_client.get(response["Location"]).content.decode())
        stored = stored_uploads.read_token(token).stored.path
        stored.write_text(stored.read_text().replace("Riverbend", "Tampered"))
        response = steward_client.post(CONFIRM, {"token": token}, follow=True)
        assert "no longer on the server" in response.content.decode()
        assert Institution.objects.count() == 0


@pytest.mark.django_db
class TestTheForm:
    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({}, "Upload a file or give its download address"),
            ({"url": "ftp://example.org/hd2024.csv"}, "Only http and https addresses can be imported."),
            ({"url": "file:///etc/passwd"}, "Only http and https addresses can be imported."),
            ({"url": "gopher://example.org/hd2024.csv"}, "Only http and https addresses can be imported."),
            ({"url": "https://exa mple.org/hd2024.csv"}, "Enter a valid URL."),
            ({"url": "https://example.org/a.csv", "max_rejects": -1}, "greater than or equal to 0"),
        ],
    )
    def test_bad_input_is_a_form_error(self, steward_client, fields, message):
        response = check(steward_client, "ipeds-hd", **fields)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not ImportRun.objects.exists()

    def test_both_a_file_and_an_address(self, steward_client, fixtures_dir):
        response = check(
            steward_client,
            "zcta",
            upload=upload(fixtures_dir, "zcta", "2025_Gaz_zcta_national.txt"),
            url="https://x.org/a",
        )
        assert response.status_code == 400 and "one of the two" in response.content.decode()

    def test_an_unknown_dataset(self, steward_client, fixtures_dir):
        response = check(steward_client, "nonsense", upload=upload(fixtures_dir, "zcta", "2025_Gaz_zcta_national.txt"))
        assert response.status_code == 400 and "Select a valid choice" in response.content.decode()

    def test_the_form_lists_every_dataset(self, steward_client):
        from imports.registry import DATASETS

        html = steward_client.get(IMPORT).content.decode()
        for dataset in DATASETS:
            assert f'value="{dataset}"' in html
        assert "<h1>Import an official data file</h1>" in html

    def test_one_import_at_a_time(self, steward_client, fixtures_dir):
        running = factories.ImportRunFactory(outcome=ImportRun.Outcome.RUNNING, dataset="oews")
        response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
        assert response.status_code == 400 and "Another import is running" in response.content.decode()
        # A run left "running" by a process that died hours ago blocks nothing, and says what happened.
        ImportRun.objects.filter(pk=running.pk).update(started_at=timezone.now() - datetime.timedelta(hours=7))
        response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
        assert response.status_code == 302
        html = steward_client.get(reverse("admin:imports_importrun_changelist")).content.decode()
        assert "Interrupted (nothing was written)" in html


@pytest.mark.django_db
class TestAddressesInsideOurNetwork:
    """The server must not be made to fetch from its own network (cloud metadata, admin ports, the intranet)."""

    @pytest.mark.parametrize(
        "address",
        [
            "http://127.0.0.1:{port}/2025_Gaz_zcta_national.txt",
            "http://localhost:{port}/2025_Gaz_zcta_national.txt",
            "http://[::1]:{port}/2025_Gaz_zcta_national.txt",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.1.2.3/hd2024.csv",
            "http://192.168.0.10/hd2024.csv",
            "http://0.0.0.0:{port}/2025_Gaz_zcta_national.txt",
            "http://224.0.0.1/hd2024.csv",
            "http://[::ffff:127.0.0.1]:{port}/2025_Gaz_zcta_national.txt",
        ],
    )
    def test_the_form_refuses_them_and_nothing_is_downloaded(self, steward_client, local_server, address):
        response = check(steward_client, "zcta", url=address.format(port=local_server.port))
        assert response.status_code == 400
        assert INTERNAL_ADDRESS_MESSAGE in text_of(response.content.decode())
        assert local_server.requests == []
        assert not ImportRun.objects.exists() and stored_files() == []

    def test_a_redirect_into_our_network_is_refused(self, steward_client, local_server, monkeypatch):
        # Let the local server stand in for the publisher (127.0.0.1 counts as public here) and redirect to
        # 127.0.0.2, which is still an address of this machine.
        monkeypatch.setattr(safe_download, "is_public_address", lambda address: str(address) == "127.0.0.1")
        local_server.redirects["/moved/2025_Gaz_zcta_national.txt"] = local_server.url(
            "/2025_Gaz_zcta_national.txt", host="127.0.0.2"
        )
        response = check(steward_client, "zcta", url=local_server.url("/moved/2025_Gaz_zcta_national.txt"))
        text = text_of(steward_client.get(response["Location"]).content.decode())
        assert "download refused: it redirects to http://127.0.0.2:" in text and INTERNAL_ADDRESS_MESSAGE in text
        assert "Nothing was written" in text and confirm_token(text) is None
        assert local_server.requests == ["/moved/2025_Gaz_zcta_national.txt"]
        assert not ImportRun.objects.exists() and ZipCentroid.objects.count() == 0

    def test_an_address_resolving_inside_at_download_time_is_refused(self, steward_client, local_server, monkeypatch):
        # The form's lookup said "public", the download's says otherwise (DNS rebinding): it connects to nothing.
        monkeypatch.setattr(safe_download, "internal_address_of", lambda host, port=None: None)
        response = check(steward_client, "zcta", url=local_server.url("/2025_Gaz_zcta_national.txt"))
        text = text_of(steward_client.get(response["Location"]).content.decode())
        assert f"download refused: {INTERNAL_ADDRESS_MESSAGE}" in text
        assert local_server.requests == []
        assert not ImportRun.objects.exists() and ZipCentroid.objects.count() == 0

    def test_public_addresses_pass_the_check(self):
        import ipaddress

        for address in ("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"):
            assert safe_download.is_public_address(ipaddress.ip_address(address))
        for address in ("100.64.0.1", "fd00::1", "fe80::1", "2002:7f00:1::", "240.0.0.1", "255.255.255.255"):
            assert not safe_download.is_public_address(ipaddress.ip_address(address))


@pytest.mark.django_db
class TestProgressPage:
    @pytest.fixture
    def running_job(self, steward):
        state = admin_jobs.new_job(dataset="oews", dry_run=True, user=steward, source_label="national_M2025_dl.xlsx")
        state.status, state.done, state.total = "running", 250, 1000
        admin_jobs.save_state(state)
        return reverse("admin:imports_importrun_job", args=[state.id])

    def test_a_running_job_shows_progress_and_refreshes_itself(self, steward_client, running_job):
        html = steward_client.get(running_job).content.decode()
        assert f'<meta http-equiv="refresh" content="2;url={running_job}?auto-refresh=1">' in html
        assert "25% done" in html
        # The progress bar is named by the words above it (axe: aria-progressbar-name).
        (_, bar), *_ = tags(html, "progress")
        assert (bar["max"], bar["value"]) == ("100", "25")
        label = re.search(rf'id="{bar["aria-labelledby"]}"[^>]*>([^<]+)<', html).group(1)
        assert label == "Checking the file…"

    def test_the_reader_can_stop_the_updates_and_resume_them(self, steward_client, running_job):
        html = steward_client.get(running_job).content.decode()
        stop = links(html)["Stop updating this page"]
        assert stop == f"{running_job}?no-refresh=1"
        stopped = steward_client.get(stop).content.decode()
        assert 'http-equiv="refresh"' not in stopped
        assert "25% done" in stopped and "This page no longer updates itself" in text_of(stopped)
        assert "Stop updating this page" not in stopped
        assert links(stopped)["Check the progress now"] == stop  # looks again without resuming
        resume = links(stopped)["resume updating this page"]
        assert resume == running_job
        assert 'http-equiv="refresh"' in steward_client.get(resume).content.decode()

    def test_a_finished_job_does_not_refresh(self, steward_client, fixtures_dir):
        response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
        for address in (response["Location"], response["Location"] + "?no-refresh=1"):
            html = steward_client.get(address).content.decode()
            assert 'http-equiv="refresh"' not in html and "Dry run finished" in html
            assert "Stop updating this page" not in html and "resume updating" not in html

    def test_unknown_or_malformed_jobs_are_404(self, steward_client):
        for job in ("0" * 32, "..", "x" * 32):
            assert steward_client.get(reverse("admin:imports_importrun_job", args=[job])).status_code == 404


@pytest.mark.django_db
def test_import_history_is_browsable_and_read_only(steward_client, steward):
    run = factories.ImportRunFactory(
        dataset="oews",
        vintage="May 2025",
        started_by=steward,
        sha256="ab" * 32,
        created=12,
        report="oews national_M2025_dl.xlsx: created 12",
        finished_at=timezone.now(),
    )
    html = steward_client.get(reverse("admin:imports_importrun_changelist")).content.decode()
    assert "May 2025" in html and "stew" in html and "abababababab" in html and "Succeeded" in html
    assert reverse("admin:imports_importrun_add") not in html
    change = steward_client.get(reverse("admin:imports_importrun_change", args=[run.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert '<pre class="import-report">oews national_M2025_dl.xlsx: created 12</pre>' in change.content.decode()
    assert (
        steward_client.post(reverse("admin:imports_importrun_delete", args=[run.pk]), {"post": "yes"}).status_code
        == 403
    )


def run_the_worker():
    """The import worker (django-tasks-db's db_worker) runs every queued task in this process, then stops. (Its
    check for stale connections would close the test's own, inside the test's transaction: that one is left out.)"""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)
    finally:
        for number, handler in handlers.items():  # the worker sets its own; give pytest its Ctrl+C back
            signal.signal(number, handler)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_import_runs_in_the_worker_and_the_page_follows_it(
    client, django_user_model, django_db_serialized_rollback, fixtures_dir, database_task_backend
):
    # Committed data, as a worker process would see it; serialized rollback restores what the migrations installed
    # (the roles), which an earlier transactional test may have flushed.
    steward = make_staff(django_user_model, "stew", DATA_STEWARDS)
    client.force_login(steward)
    response = check(client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
    job_url = response["Location"]
    html = client.get(job_url, {"auto-refresh": "1"}).content.decode()
    assert 'http-equiv="refresh"' in html  # queued: the page comes back by itself
    assert "Waiting for the import worker" in text_of(html)
    assert not ImportRun.objects.exists()  # nothing runs in the web process

    run_the_worker()
    html = client.get(job_url, {"auto-refresh": "1"}).content.decode()
    assert "Dry run finished" in html
    assert 'http-equiv="refresh"' not in html and confirm_token(html)
    assert Institution.objects.count() == 0
    dry_run = ImportRun.objects.get()
    assert (dry_run.owner_host, dry_run.owner_pid) == (socket.gethostname(), os.getpid())  # the worker's process

    # Confirming takes the one running slot at once, before the worker starts the import.
    response = client.post(CONFIRM, {"token": confirm_token(html)})
    real = ImportRun.objects.get(outcome=ImportRun.Outcome.RUNNING)
    assert real.task_id and real.owner_pid is None
    assert "Another import is running" in text_of(
        client.post(CONFIRM, {"token": confirm_token(html)}, follow=True).content.decode()
    )
    run_the_worker()
    html = client.get(response["Location"]).content.decode()
    assert "Imported" in text_of(html)
    real.refresh_from_db()
    assert real.outcome == ImportRun.Outcome.SUCCEEDED and Institution.objects.count() == real.created > 0
    assert not (stored_uploads.storage_root() / real.sha256).exists()  # the stored upload goes with its import


def test_the_address_form_names_the_scheme_rule_and_never_says_invalid_url():
    from imports.forms import AdminImportForm

    for address in ("file:///etc/passwd", "gopher://example.org/x", "ftp://example.org/x", "javascript:alert(1)"):
        form = AdminImportForm(data={"dataset": "ipeds-hd", "url": address, "max_rejects": 0})
        assert form.errors["url"] == ["Only http and https addresses can be imported."], address

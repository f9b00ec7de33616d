"""The README's run command on a new machine with an empty DATA_DIR: it fetches the releases (from a stand-in
publisher on 127.0.0.1, as this machine has no internet), imports them and serves a search with results."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .publisher import Publisher
from .stand_in_releases import publisher_layout, write_manifest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_scripts_run_on_an_empty_data_folder_fetches_imports_and_serves_a_search(tmp_path, fixtures_dir, spreadsheets):
    files, releases = publisher_layout(fixtures_dir, spreadsheets)
    with Publisher() as publisher:
        publisher.files.update(files)
        manifest = write_manifest(tmp_path / "releases.toml", publisher, releases)
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
            "DATA_DIR": str(tmp_path / "data"),
            "DATA_RELEASES_MANIFEST": str(manifest),
            "PORT": f"127.0.0.1:{port}",
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
        log = open(tmp_path / "run.log", "w+")  # noqa: SIM115 - read back after the server stops
        server = subprocess.Popen(
            [str(ROOT / "scripts" / "run")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            body = None
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline and server.poll() is None:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/schools/?q=Riverbend", timeout=5) as response:
                        body = response.read().decode()
                    break
                except OSError:
                    time.sleep(1)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        log.seek(0)
        output = log.read()
    assert body is not None, output
    assert "Riverbend Community College" in body
    assert "fetching the publishers' current releases" in output
    assert (tmp_path / "data" / "ipeds" / "hd2024.csv").exists()
    # The Scorecard zips' members are saved with the release date the importer reads from the name.
    assert (tmp_path / "data" / "scorecard" / "Most-Recent-Cohorts-Institution_06102026.csv").exists()

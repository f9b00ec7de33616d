"""Admin import jobs as tasks: one dry run confirmed from three tabs starts one import, and stored uploads go when
nothing can confirm them any more (their import ended, their dry run failed or expired)."""

import datetime
import os
import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client

from core.roles import DATA_STEWARDS
from imports import stored_uploads
from imports.importers.base import ImportFailed
from imports.models import ImportRun
from imports.registry import get_importer
from imports.tasks import run_admin_import_job
from schools.models import Institution

from .conftest import make_staff
from .test_imports_admin import CONFIRM, IMPORT, check, confirm_token, private_media, run_the_worker, text_of, upload

__all__ = ["private_media"]  # the autouse fixture: MEDIA_ROOT in a temporary folder


def stored_upload_folders():
    root = stored_uploads.storage_root()
    return sorted(p.name for p in root.iterdir() if stored_uploads.SHA256.fullmatch(p.name)) if root.exists() else []


def clean_dry_run(client, fixtures_dir, name="hd2024.csv"):
    response = check(client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", name))
    html = client.get(response["Location"]).content.decode()
    assert "Dry run finished" in html
    return confirm_token(html)


@pytest.mark.django_db
class TestThreeTabs:
    def test_confirming_one_dry_run_three_times_starts_one_import(
        self, steward_client, fixtures_dir, database_task_backend
    ):
        response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
        run_the_worker()
        token = confirm_token(steward_client.get(response["Location"]).content.decode())
        # Three tabs confirm before the worker has started anything.
        answers = [steward_client.post(CONFIRM, {"token": token}) for _ in range(3)]
        job_pages = [a["Location"] for a in answers if "/import/job/" in a["Location"]]
        assert len(job_pages) == 1 and [a.status_code for a in answers] == [302, 302, 302]
        refused = steward_client.get(IMPORT)
        assert text_of(refused.content.decode()).count("Another import is running") >= 2
        run_the_worker()
        real = ImportRun.objects.exclude(outcome=ImportRun.Outcome.DRY_RUN)
        assert [run.outcome for run in real] == [ImportRun.Outcome.SUCCEEDED]
        assert "Imported" in text_of(steward_client.get(job_pages[0]).content.decode())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_three_tabs_confirming_at_the_same_moment_start_one_import(
    django_user_model, django_db_serialized_rollback, fixtures_dir, database_task_backend
):
    """Three requests in three threads, released together: the database's one_running_import constraint lets one
    claim the running slot; the others answer "Another import is running"."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database cannot take writes from three threads at once (shared-cache table "
            "locks); the constraint itself is tested on SQLite in tests/imports/test_run_liveness.py"
        )
    steward = make_staff(django_user_model, "stew", DATA_STEWARDS)
    tabs = [Client() for _ in range(3)]
    for tab in tabs:
        tab.force_login(steward)
    response = check(tabs[0], "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
    run_the_worker()
    token = confirm_token(tabs[0].get(response["Location"]).content.decode())
    together = threading.Barrier(3)
    answers = {}

    def confirm(tab):
        together.wait()
        try:
            answers[tab] = tab.post(CONFIRM, {"token": token}, follow=True)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(tab,)) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    pages = [text_of(answer.content.decode()) for answer in answers.values()]
    assert len(pages) == 3
    assert sum("Another import is running" in page for page in pages) == 2
    assert ImportRun.objects.filter(outcome=ImportRun.Outcome.RUNNING).count() == 1
    run_the_worker()
    assert list(ImportRun.objects.exclude(outcome=ImportRun.Outcome.DRY_RUN).values_list("outcome", flat=True)) == [
        ImportRun.Outcome.SUCCEEDED
    ]


@pytest.mark.django_db
class TestStoredUploadsGo:
    def test_after_a_failed_dry_run(self, steward_client, fixtures_dir):
        response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "bad/hd2023.csv"))
        assert "Failed: nothing was written" in text_of(steward_client.get(response["Location"]).content.decode())
        assert stored_upload_folders() == []  # nothing could ever confirm it

    def test_a_clean_dry_run_keeps_its_upload_until_confirmed(self, steward_client, fixtures_dir):
        clean_dry_run(steward_client, fixtures_dir)
        assert len(stored_upload_folders()) == 1

    def test_after_a_real_import_that_failed(self, steward_client, fixtures_dir, monkeypatch):
        token = clean_dry_run(steward_client, fixtures_dir)

        def disk_full(self):
            raise ImportFailed("hd2024.csv: the disk is full")

        monkeypatch.setattr(get_importer("ipeds-hd"), "run", disk_full)
        response = steward_client.post(CONFIRM, {"token": token})
        assert "the disk is full" in text_of(steward_client.get(response["Location"]).content.decode())
        assert ImportRun.objects.filter(outcome=ImportRun.Outcome.FAILED).count() == 1
        assert stored_upload_folders() == [] and Institution.objects.count() == 0

    def test_when_its_dry_run_expires_at_the_next_import_request(self, steward_client, fixtures_dir, settings):
        clean_dry_run(steward_client, fixtures_dir)
        (kept,) = stored_upload_folders()
        a_day_ago = time.time() - settings.ADMIN_IMPORT_CONFIRM_MAX_AGE.total_seconds() - 60
        os.utime(stored_uploads.storage_root() / kept, (a_day_ago, a_day_ago))
        check(steward_client, "zcta", upload=upload(fixtures_dir, "zcta", "2025_Gaz_zcta_national.txt"))
        assert kept not in stored_upload_folders()

    def test_when_its_dry_run_expires_the_worker_removes_it(self, steward_client, fixtures_dir, settings):
        clean_dry_run(steward_client, fixtures_dir)
        (kept,) = stored_upload_folders()
        settings.ADMIN_IMPORT_CONFIRM_MAX_AGE = datetime.timedelta(seconds=-1)
        run_admin_import_job.enqueue("f" * 32)  # any job the worker runs sweeps first (this one is gone)
        assert stored_upload_folders() == []


@pytest.mark.django_db
def test_a_job_no_worker_takes_up_says_so(steward_client, fixtures_dir, database_task_backend, settings):
    response = check(steward_client, "ipeds-hd", upload=upload(fixtures_dir, "ipeds-hd", "hd2024.csv"))
    html = steward_client.get(response["Location"]).content.decode()
    assert "Waiting for the import worker" in text_of(html) and "No import worker has taken this up" not in html
    settings.IMPORT_RUN_STALE_AFTER = datetime.timedelta(seconds=-1)  # as if minutes had passed
    html = steward_client.get(response["Location"]).content.decode()
    assert "No import worker has taken this up yet" in text_of(html) and "manage.py db_worker" in html
    settings.IMPORT_RUN_STALE_AFTER = datetime.timedelta(minutes=2)
    run_the_worker()  # once a worker runs, the job goes on as usual
    assert "Dry run finished" in steward_client.get(response["Location"]).content.decode()

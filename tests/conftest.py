"""Shared fixtures. Tests that read the official files use ``shared_data_dir`` and skip when it is absent."""

import os
import socket
from pathlib import Path

import pytest

# ../shared/data next to the checkout, or DATA_DIR (a git worktree lives elsewhere).
SHARED_DATA_DIR = Path(os.environ.get("DATA_DIR") or Path(__file__).resolve().parent.parent.parent / "shared" / "data")
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def shared_data_dir():
    if not SHARED_DATA_DIR.is_dir():
        pytest.skip(f"the official data files are not available at {SHARED_DATA_DIR} (see README, Data)")
    return SHARED_DATA_DIR


@pytest.fixture
def fixtures_dir():
    return FIXTURES_DIR


@pytest.fixture
def shipped_content(db):
    """The shipped guides, certifications and starting figures (content/), loaded the way a new site gets them
    (manage.py sync_content). Tests start from an empty database; only those about the real content ask for this."""
    from schools.content_sync import sync_content

    report = sync_content(check=False)
    assert report.created and not report.kept
    return report


REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_DATABASES = 16  # a stock redis.conf


def redis_database_for_this_worker() -> int:
    """Redis database number for this test process: 15 alone, then 15, 14, ... for xdist workers gw0, gw1, ...

    ``cache.clear()`` on a Redis cache is FLUSHDB, which ignores KEY_PREFIX: parallel workers sharing a
    database would empty each other's cache mid-test, so each worker gets a database of its own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")  # unset when the suite runs in one process (-n0)
    return REDIS_DATABASES - 1 - int(worker.removeprefix("gw")) % REDIS_DATABASES


@pytest.fixture
def redis_cache_url():
    """A CACHE_URL for the local Redis server, in this worker's own database; skips when Redis is down."""
    try:
        socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1).close()
    except OSError:
        pytest.skip(f"no Redis server on {REDIS_HOST}:{REDIS_PORT} (.ci/run starts one)")
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{redis_database_for_this_worker()}"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Pages are cached under a version read from the database (core/page_cache.py); each test's database starts
    # from the same state, so a page cached by an earlier test must not answer in a later one.
    # The same goes for what each process keeps in memory per version (page_cache.memoized_for_content).
    from django.core.cache import cache

    from core.page_cache import forget_memoized

    cache.clear()
    forget_memoized()
    yield
    cache.clear()
    forget_memoized()


@pytest.fixture
def database_task_backend(settings):
    """The production task backend (django-tasks-db) instead of the tests' immediate one: enqueued tasks wait in
    the database until a worker (``db_worker``) runs them. Django does not reset task backends when TASKS changes,
    so this does, before and after."""
    from asgiref.local import Local
    from django.tasks import task_backends

    def reset():
        task_backends._settings = task_backends.settings = task_backends.configure_settings(None)
        task_backends._connections = Local(task_backends.thread_critical)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    reset()
    yield task_backends["default"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    reset()

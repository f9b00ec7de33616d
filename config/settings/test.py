"""Settings for the test suite: the database still comes from DATABASE_URL (SQLite or PostgreSQL)."""

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-suite-only-not-a-secret"  # noqa: S105 - never used outside tests
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic first.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Serve static files from the finders, so tests need no collectstatic run.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Read the content version of cached pages on every request (core/page_cache.py), so a test sees its own change.
CONTENT_VERSION_SECONDS = 0
# Admin imports run as tasks right away, inside the request: the unit tests see their result at once. The tests
# that need the real queue (tests/imports/test_worker.py) switch to the database backend and start a db_worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

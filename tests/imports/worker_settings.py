"""Settings of the worker and command processes that tests/imports/test_killed_imports.py starts: the test
settings, with the real task backend and a heartbeat every second. The database and MEDIA_ROOT come from the
environment (the test's own)."""

from datetime import timedelta

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
IMPORT_RUN_HEARTBEAT_INTERVAL = timedelta(seconds=1)

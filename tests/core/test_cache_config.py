"""CACHE_URL picks the cache: a redis:// address must give a working shared cache (redis-py is pinned for it)."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import redis_database_for_this_worker

ROOT = Path(__file__).resolve().parents[2]


def test_redis_cache_url_gives_a_working_cache(redis_cache_url):
    environment = {
        **os.environ,
        "CACHE_URL": redis_cache_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
    }
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.core.cache import cache\n"
        "print(settings.CACHES['default']['BACKEND'])\n"
        "cache.set('hcg-cache-check', 'shared', 30)\n"
        "print(cache.get('hcg-cache-check'))\n"
        "cache.delete('hcg-cache-check')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.cache.backends.redis.RedisCache", "shared"]


def test_parallel_test_workers_never_share_a_redis_database(monkeypatch):
    # cache.clear() on Redis empties the whole database: two workers in one database would clear each other's cache.
    databases = []
    for worker in ("gw0", "gw1", "gw2", "gw3"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        databases.append(redis_database_for_this_worker())
    assert len(set(databases)) == 4
    assert all(0 <= database <= 15 for database in databases)

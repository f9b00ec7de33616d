"""CACHE_URL picks the cache: a redis:// address must give a working shared cache (redis-py is pinned for it)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
        # One client per connection pool (core/redis_cache.py): operations reuse it, and still reach Redis.
        "print(cache._cache.get_client() is cache._cache.get_client(write=True))\n"
        "cache.set_many({'hcg-a': 1, 'hcg-b': 2}, 30); print(sorted(cache.get_many(['hcg-a', 'hcg-b']).values()))\n"
        "cache.delete_many(['hcg-a', 'hcg-b'])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == ["core.redis_cache.RedisCache", "shared", "True", "[1, 2]"]


def _cache_in_a_fresh_process(settings_module, script, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "CACHE_MAX_ENTRIES"}}
    environment.update({"DJANGO_SETTINGS_MODULE": settings_module, "SECRET_KEY": "x" * 64, **env})
    environment.setdefault("ALLOWED_HOSTS", "example.org")
    prelude = "import django; django.setup()\nfrom django.conf import settings; from django.core.cache import cache\n"
    result = subprocess.run(
        [sys.executable, "-c", prelude + script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


FILL_THE_CACHE = (
    "print(settings.CACHES['default']['OPTIONS']['MAX_ENTRIES'])\n"
    "for n in range(2000): cache.set(f'page-{n}', 'x' * 100, 300)\n"
    "print(len(cache._cache))\n"
)


@pytest.mark.parametrize("settings_module", ["config.settings.local", "config.settings.production"])
def test_the_local_memory_cache_keeps_at_most_300_entries(settings_module):
    # README "Limits": a cached results page is about 50 KB, so 300 entries cost a worker at most about 15 MB.
    configured, stored = map(int, _cache_in_a_fresh_process(settings_module, FILL_THE_CACHE))
    assert configured == 300
    assert 0 < stored <= 300


def test_cache_max_entries_sets_the_bound():
    configured, stored = map(
        int, _cache_in_a_fresh_process("config.settings.local", FILL_THE_CACHE, CACHE_MAX_ENTRIES="50")
    )
    assert configured == 50
    assert 0 < stored <= 50


def test_ci_bounds_redis_with_maxmemory_and_lru(redis_cache_url):  # skips when Redis is down
    if shutil.which("redis-cli") is None:
        pytest.skip("redis-cli is not installed")
    result = subprocess.run([ROOT / ".ci" / "ensure-redis"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    import redis

    settings = redis.Redis(host="127.0.0.1", port=6379).config_get("maxmemory*")
    assert int(settings["maxmemory"]) == 256 * 1024 * 1024
    assert settings["maxmemory-policy"] == "allkeys-lru"


def test_parallel_test_workers_never_share_a_redis_database(monkeypatch):
    # cache.clear() on Redis empties the whole database: two workers in one database would clear each other's cache.
    databases = []
    for worker in ("gw0", "gw1", "gw2", "gw3"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        databases.append(redis_database_for_this_worker())
    assert len(set(databases)) == 4
    assert all(0 <= database <= 15 for database in databases)

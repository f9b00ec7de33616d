"""CACHE_URL picks the cache: a redis:// address must give a working shared cache (redis-py is pinned for it)."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _redis_is_up(host="127.0.0.1", port=6379):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def test_redis_cache_url_gives_a_working_cache():
    if not _redis_is_up():
        pytest.skip("no Redis server on 127.0.0.1:6379 (.ci/run starts one)")
    environment = {
        **os.environ,
        "CACHE_URL": "redis://127.0.0.1:6379/15",
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

"""core/prefork.py: the master's warm-up leaves the workers nothing to build on their first request. Each check runs
in a fresh interpreter, as gunicorn's master is, since it freezes the garbage collector for the whole process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

AFTER_WARM_UP = """
import gc
import django
django.setup()
from django.template import engines
from django.urls import URLResolver, reverse
from core.prefork import warm_up_django

compiled = warm_up_django()
print("compiled", compiled)
print("frozen", gc.get_freeze_count() > 0)
cache = engines["django"].engine.template_loaders[0].get_template_cache
print("base_cached", "base.html" in cache)
from core.page_cache import release
print("release_kept", release.cache_info().currsize)

def refuse(self):
    raise AssertionError("a resolver was built after the warm-up")

URLResolver._populate = refuse
print("admin", reverse("admin:index"))
print("guide", reverse("careers:detail", kwargs={"slug": "x"}))
"""


def test_after_the_warm_up_no_resolver_or_template_is_built_again():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", AFTER_WARM_UP], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    # Every template of the project's own folders (not the installed packages') is compiled once, in the master.
    templates = sum(1 for _ in ROOT.glob("templates/**/*.html")) + sum(1 for _ in ROOT.glob("*/templates/**/*.html"))
    assert int(lines["compiled"]) >= templates
    assert lines["frozen"] == "True"
    assert lines["base_cached"] == "True"
    # The code's fingerprint in every cache key (0.23 s of hashing files) is computed once, in the master.
    assert lines["release_kept"] == "1"
    # A namespaced reverse (the admin link in every page's middleware) finds its tables already built.
    assert lines["admin"].endswith("/")
    assert lines["guide"] == "/careers/x/"

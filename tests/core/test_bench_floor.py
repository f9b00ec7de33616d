"""The benchmark's floor page exists only under make bench's settings (config.settings.bench, whose URLconf is
config/urls_bench.py); production's URLconf has no such page."""

import subprocess
import sys

import pytest
from django.urls import NoReverseMatch, reverse

from tests.core.test_security_headers import ROOT, production_environment

# Which URLconf a settings module uses, and what /bench/floor/ resolves to there, read in a fresh interpreter.
RESOLVE_FLOOR = (
    "import django; django.setup(); from django.conf import settings; from django.urls import Resolver404, resolve\n"
    "try:\n    match = resolve('/bench/floor/').url_name\n"
    "except Resolver404:\n    match = 'not found'\n"
    "print(settings.ROOT_URLCONF, match)"
)


def floor_under(settings_module):
    result = subprocess.run(
        [sys.executable, "-c", RESOLVE_FLOOR],
        cwd=ROOT,
        env=production_environment(DJANGO_SETTINGS_MODULE=settings_module),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_production_has_no_floor_and_bench_has_it():
    assert floor_under("config.settings.production") == ["config.urls", "not", "found"]
    assert floor_under("config.settings.bench") == ["config.urls_bench", "bench-floor"]


def test_not_mounted_by_default(client, settings):
    assert settings.ROOT_URLCONF == "config.urls"
    assert client.get("/bench/floor/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("bench-floor")


@pytest.mark.django_db
def test_mounted_under_bench_urls_and_reads_no_database(settings, client, django_assert_num_queries):
    settings.ROOT_URLCONF = "config.urls_bench"
    with django_assert_num_queries(0):
        response = client.get("/bench/floor/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Benchmark floor</h1>" in html
    # The site's chrome is there, so the floor costs what every page's frame costs.
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert reverse("bench-floor") == "/bench/floor/"
    # Every page of the site is still there beside it.
    assert client.get(reverse("core:about-data")).status_code == 200

"""The benchmark's floor page exists only when BENCH_FLOOR is set (make bench); never otherwise."""

import importlib

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

import config.urls


def reload_urls():
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def floor_enabled():
    with override_settings(BENCH_FLOOR=True):
        reload_urls()
        yield
    reload_urls()


def test_not_mounted_by_default(client, settings):
    assert settings.BENCH_FLOOR is False
    assert client.get("/bench/floor/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("bench-floor")


@pytest.mark.django_db
def test_mounted_with_bench_floor_and_reads_no_database(floor_enabled, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/bench/floor/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Benchmark floor</h1>" in html
    # The site's chrome is there, so the floor costs what every page's frame costs.
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert reverse("bench-floor") == "/bench/floor/"

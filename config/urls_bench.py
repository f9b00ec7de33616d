"""The URLconf of make bench (config.settings.bench): the site's, plus the benchmark's floor page. Production
settings never name this module, so /bench/floor/ exists nowhere else."""

from django.urls import path

from core.views import bench_floor

from .urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns,
    path("bench/floor/", bench_floor, name="bench-floor"),
]

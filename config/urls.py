from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core.views import bench_floor

urlpatterns = [
    path("", include("core.urls")),
    path("careers/", include("careers.urls")),
    path("certifications/", include("certifications.urls")),
    path("schools/", include("schools.urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR:
    # The benchmark's floor (make bench sets BENCH_FLOOR=1); the URL does not exist anywhere else.
    urlpatterns.append(path("bench/floor/", bench_floor, name="bench-floor"))

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("careers/", include("careers.urls")),
    path("certifications/", include("certifications.urls")),
    path("schools/", include("schools.urls")),
    path("admin/", admin.site.urls),
]

from django.contrib import admin
from django.urls import include, path

from api import urls as api_urls
from careers.views import home
from core import urls as core_urls

# The home page lists guides, so its view is in careers; it keeps its place and name at the top of the site
# (core:home), beside the site's own pages, which is also what the header's navigation reads.
site_pages = ([path("", home, name="home"), *core_urls.urlpatterns], core_urls.app_name)

urlpatterns = [
    path("", include(site_pages)),
    path("careers/", include("careers.urls")),
    path("certifications/", include("certifications.urls")),
    path("schools/", include("schools.urls")),
    path("", include((api_urls.urlpatterns, api_urls.app_name))),
    *api_urls.api_urlpatterns,
    path("admin/", admin.site.urls),
]

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe

from api import urls as api_urls
from careers.sitemaps import GuideSitemap, OccupationSitemap
from careers.views import home
from certifications.sitemaps import CertificationSitemap
from core import sitemaps as core_sitemaps
from core import urls as core_urls
from schools.sitemaps import SchoolSitemap

# The home page lists guides, so its view is in careers; it keeps its place and name at the top of the site
# (core:home), beside the site's own pages, which is also what the header's navigation reads.
site_pages = ([path("", home, name="home"), *core_urls.urlpatterns], core_urls.app_name)

# /sitemap.xml is an index of one sitemap per section; each app owns its sections' classes (README "Being found").
# A new kind of page is one Sitemap class in its app and one line here.
SITEMAPS = {
    "guides": GuideSitemap,
    "occupations": OccupationSitemap,
    "certifications": CertificationSitemap,
    "schools": SchoolSitemap,
}

urlpatterns = [
    path("", include(site_pages)),
    path("robots.txt", core_sitemaps.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        require_safe(core_sitemaps.cached_per_content_version(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        require_safe(core_sitemaps.cached_per_content_version(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("careers/", include("careers.urls")),
    path("certifications/", include("certifications.urls")),
    path("schools/", include("schools.urls")),
    path("", include((api_urls.urlpatterns, api_urls.app_name))),
    *api_urls.api_urlpatterns,
    path("admin/", admin.site.urls),
]

"""What the apps' sitemaps share: the date the imported data last changed, and robots.txt.

core knows no app: the imports app registers where its dates come from in its AppConfig.ready()
(``register_data_date``), and each app that owns pages writes its own Sitemap classes (careers/sitemaps.py,
certifications/sitemaps.py, schools/sitemaps.py), which config/urls.py collects into /sitemap.xml.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

# Callables returning a datetime (or None), each one query: the newest change of imported data they know of.
_data_dates = []


def register_data_date(read):
    """Make ``read()`` (one query, a datetime or None) a date pages built from imported data were last changed.
    Call from AppConfig.ready(); registering the same callable again changes nothing."""
    if read not in _data_dates:
        _data_dates.append(read)


def data_updated_at():
    """The newest date any registered source gives (the last successful import), or None before any."""
    dates = [date for date in (read() for read in _data_dates) if date is not None]
    return max(dates, default=None)


def newest(*dates):
    """The latest of ``dates``, ignoring None; None when there is none (a sitemap then leaves out <lastmod>)."""
    return max((date for date in dates if date is not None), default=None)


@require_safe
def robots_txt(request):
    """Crawlers may read every public page; the admin is for staff. The sitemap is named by its absolute address,
    as the robots.txt standard (RFC 9309) asks."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap-index"))
    lines = ["User-agent: *", "Disallow: /admin/", "", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

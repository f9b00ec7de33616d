"""What the apps' sitemaps share: the date the imported data last changed, and robots.txt.

core knows no app: the imports app registers where its dates come from in its AppConfig.ready()
(``register_data_date``), and each app that owns pages writes its own Sitemap classes (careers/sitemaps.py,
certifications/sitemaps.py, schools/sitemaps.py), which config/urls.py collects into /sitemap.xml.
"""

from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import page_cache

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


def cached_per_content_version(view):
    """``view`` (a sitemap view) answered from the cache until the content version changes (core/page_cache.py).

    A sitemap changes only with an import or a staff edit, which move the version; building the schools' section
    reads and writes every listed school (4,000 schools: 0.6-1.0 s on a busy two-core machine), so each edition is
    built once. The key is the scheme, host, path and page asked for (``p``), never the rest of the query string.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        # The sitemap names absolute addresses: one edition per scheme and host (ALLOWED_HOSTS bounds them).
        where = (request.scheme, request.get_host(), request.path, request.GET.get("p", "1")[:10])
        key = page_cache.page_cache_key(request, "sitemap", *where)
        kept = cache.get(key)
        if kept is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            response.render()
            kept = (response.content, response["Content-Type"], response.get("Last-Modified"))
            cache.set(key, kept, page_cache.CONTENT_CACHE_SECONDS)
        content, content_type, last_modified = kept
        response = HttpResponse(content, content_type=content_type)
        if last_modified:
            response["Last-Modified"] = last_modified
        return response

    return cached_view

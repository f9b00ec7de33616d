"""The API's documentation page and the bulk downloads: thin views (api/docs.py, api/downloads.py do the work)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.page_meta import PageMeta

from . import docs, downloads
from .http import RATE_LIMIT_SCOPE

DOCUMENTATION_META = PageMeta(
    title="API",
    description="The site's public read-only JSON API, version 1: occupations, guides, certifications, schools and "
    "CIP programs, with every parameter, example addresses, errors and limits.",
)
DOWNLOADS_META = PageMeta(
    title="Download the data",
    description="The site's joined tables as CSV files: occupations with national pay and projections, programs by "
    "school, and schools with cost and outcomes, each with its sources and licence.",
)


@require_safe
def documentation(request):
    limit, window = settings.RATE_LIMITS[RATE_LIMIT_SCOPE]
    context = {
        "groups": docs.operation_groups(),
        "openapi_url": reverse("api-v1:openapi-json"),
        "limit": limit,
        "window": window,
        "downloads_url": reverse("api:downloads"),
        "meta": DOCUMENTATION_META,
    }
    return render(request, "api/docs.html", context)


@require_safe
def downloads_page(request):
    limit, window = settings.RATE_LIMITS[downloads.RATE_LIMIT_SCOPE]
    tables = [table for table, _ in downloads.TABLES.values()]
    return render(
        request, "api/downloads.html", {"tables": tables, "limit": limit, "window": window, "meta": DOWNLOADS_META}
    )


@require_safe
def download_table(request, table):
    if table not in downloads.TABLES:
        raise Http404("No table by that name.")
    return downloads.table_response(request, table)

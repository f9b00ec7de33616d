"""The API's documentation page and the bulk downloads: thin views (api/docs.py, api/downloads.py do the work)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import docs, downloads
from .http import RATE_LIMIT_SCOPE


@require_safe
def documentation(request):
    limit, window = settings.RATE_LIMITS[RATE_LIMIT_SCOPE]
    context = {
        "groups": docs.operation_groups(),
        "openapi_url": reverse("api-v1:openapi-json"),
        "limit": limit,
        "window": window,
        "downloads_url": reverse("api:downloads"),
    }
    return render(request, "api/docs.html", context)


@require_safe
def downloads_page(request):
    limit, window = settings.RATE_LIMITS[downloads.RATE_LIMIT_SCOPE]
    tables = [table for table, _ in downloads.TABLES.values()]
    return render(request, "api/downloads.html", {"tables": tables, "limit": limit, "window": window})


@require_safe
def download_table(request, table):
    if table not in downloads.TABLES:
        raise Http404("No table by that name.")
    return downloads.table_response(request, table)

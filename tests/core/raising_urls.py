"""The site's URLconf plus views that fail on purpose, so the error pages can be tested end to end."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.http import Http404
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def raise_bad_request(request):
    raise SuspiciousOperation("test: malformed request")


def raise_permission_denied(request):
    raise PermissionDenied("test: not allowed")


def raise_not_found(request):
    raise Http404("test: <script>not reflected</script>")


def raise_server_error(request):
    raise RuntimeError("test: something broke")


def raise_database_down(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


urlpatterns = [
    path("test-errors/400/", raise_bad_request),
    path("test-errors/403/", raise_permission_denied),
    path("test-errors/404/", raise_not_found),
    path("test-errors/500/", raise_server_error),
    path("test-errors/database-down/", raise_database_down),
    *site_urlpatterns,
]

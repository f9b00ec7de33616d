"""The site's admin: Django's, with the panels apps register shown above the index page's list of models."""

from collections.abc import Callable

from django.contrib import admin
from django.http import HttpRequest

# Each returns a panel's HTML for this request ("" to show nothing), in the order registered.
_index_panels: dict[Callable[[HttpRequest], str], None] = {}


def register_index_panel(panel: Callable[[HttpRequest], str]):
    """Show ``panel(request)`` (rendered HTML) on the admin index. Call from AppConfig.ready(); registering the same
    callable again changes nothing."""
    _index_panels.setdefault(panel, None)


class StaffAdminSite(admin.AdminSite):
    site_header = "Healthcare Careers Guide: staff"
    site_title = "Healthcare Careers Guide staff"
    index_template = "admin/staff_index.html"

    def index(self, request, extra_context=None):
        context = {
            "index_panels": [html for html in (panel(request) for panel in _index_panels) if html],
            **(extra_context or {}),
        }
        return super().index(request, context)

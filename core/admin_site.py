"""The site's admin: Django's, with the data freshness panel on the index page."""

from django.contrib import admin


class StaffAdminSite(admin.AdminSite):
    site_header = "Healthcare Careers Guide: staff"
    site_title = "Healthcare Careers Guide staff"
    index_template = "admin/staff_index.html"

    def index(self, request, extra_context=None):
        from imports.freshness import data_freshness

        context = {
            "freshness": data_freshness(),
            "can_run_imports": request.user.has_perm("imports.run_import"),
            **(extra_context or {}),
        }
        return super().index(request, context)

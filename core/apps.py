from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    default = True
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
        from . import signals  # noqa: F401 - connects the staff-session receiver


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our AdminSite: the data freshness panel and the import pages."""

    default = False
    default_site = "core.admin_site.StaffAdminSite"

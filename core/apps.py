from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    default = True
    name = "core"
    verbose_name = "Site"

    def ready(self):
        # Registers the deploy checks, and connects the staff-session receiver.
        from . import checks, signals  # noqa: F401


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our AdminSite: the panels apps register on its index (imports: data freshness)."""

    default = False
    default_site = "core.admin_site.StaffAdminSite"

    def ready(self):
        super().ready()
        from django.contrib import admin

        from .admin_login import StaffAuthenticationForm

        # The admin's sign-in page uses our form (it refuses over-long usernames before django-axes sees them).
        admin.site.login_form = StaffAuthenticationForm

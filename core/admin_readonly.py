"""The one read-only admin for data imported from the official files.

The importers own those rows: staff look things up but change nothing, because a hand edit would be overwritten
by the next import (or, worse, kept by it). A wrong value is corrected by importing a corrected file; a school's
shown name or web address by a staff override (schools.InstitutionOverride).
"""

from django.contrib import admin


class _ReadOnly:
    """No add, change or delete, for anyone (superusers included); viewing follows the view permission."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ImportedDataAdmin(_ReadOnly, admin.ModelAdmin):
    """A model whose rows come only from an importer."""

    # Tables of tens of thousands of rows (completions: 1.4 million): skip the second, unfiltered COUNT(*).
    show_full_result_count = False


class ImportedDataInline(_ReadOnly, admin.TabularInline):
    """Imported rows listed under their parent; set ``fields`` and the rows show read-only."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

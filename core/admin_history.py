"""Admin pages for version history: the list of an object's versions (who, when, what), a comparison of any two,
and restoring one. Used by every editorial admin; CareerAdmin swaps in whole-guide versions.

Our own views rather than SimpleHistoryAdmin's: its templates carry inline styles (blocked by our CSP), and its
revert restores one row, where a guide must come back whole, sections included.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.timezone import localtime

from . import history

VERSIONS_PER_PAGE = 50


class VersionedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose model has ``history = HistoricalRecords()``.

    Each admin save writes exactly one version, after the inlines and many-to-many links are saved, carrying who
    saved it and a one-line account of what changed.
    """

    versions_template = "admin/history/versions.html"
    compare_template = "admin/history/compare.html"
    restore_template = "admin/history/restore.html"
    restore_keeps = ("slug",)
    # Fields that name who last changed the object: a restore sets them to the user restoring.
    restore_stamps = ()

    # -- Writing versions --------------------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        # The version is written in save_related, once inlines and many-to-many links are saved too.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        try:
            super().save_related(request, form, formsets, change)
        finally:
            obj.__dict__.pop("skip_history_when_saving", None)
        if not change or form.has_changed() or any(formset.has_changed() for formset in formsets):
            self.record_version(request, obj, history.describe_changes(form, formsets, add=not change))

    def record_version(self, request, obj, reason):
        history.save_with_history(obj, user=request.user, reason=reason)

    # -- URLs --------------------------------------------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/history/compare/", wrap(self.compare_view), name=f"{prefix}_compare"),
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                wrap(self.restore_view),
                name=f"{prefix}_restore",
            ),
            *super().get_urls(),
        ]

    def _url(self, name, *args):
        return reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    # -- What a version is (CareerAdmin overrides compare and restore) -----------------------------------------------

    def get_versions(self, obj):
        return history.versions_of(obj)

    def compare(self, obj, old, new, *, chronological=True):
        return history.compare_records(obj, old, new, chronological=chronological)

    def restore(self, request, obj, record):
        history.restore_record(
            obj, record, user=request.user, keep=self.restore_keeps, stamp_fields=self.restore_stamps
        )
        return []

    # -- Views ---------------------------------------------------------------------------------------------------

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with that ID.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def _context(self, request, obj, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(obj),
            "opts": self.opts,
            "object": obj,
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "history_url": self._url("history", obj.pk),
            "compare_url": self._url("compare", obj.pk),
            "change_url": self._url("change", obj.pk),
            "can_restore": self.has_change_permission(request, obj),
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        obj = self._object_or_404(request, object_id)
        all_versions = self.get_versions(obj)
        page = Paginator(all_versions, VERSIONS_PER_PAGE).get_page(request.GET.get("p"))
        rows = list(page.object_list)
        # The version just older than this page's last, so each row can link to "what changed here".
        following = all_versions.filter(history_date__lt=rows[-1].history_date).first() if rows else None
        for row, older in zip(rows, [*rows[1:], following], strict=True):
            row.older = older
            row.restore_url = self._url("restore", obj.pk, row.history_id)
        context = self._context(
            request,
            obj,
            f"History: {obj}",
            page=page,
            versions=rows,
            choices=[
                (v.history_id, f"{localize(localtime(v.history_date))} – {v.history_user or 'system'}")
                for v in all_versions[:200]
            ],
            latest=rows[0] if page.number == 1 and rows else None,
        )
        context.update(extra_context or {})
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.versions_template, context)

    def _version(self, obj, history_id):
        try:
            return self.get_versions(obj).get(history_id=int(history_id))
        except (TypeError, ValueError):
            raise Http404("No such version.") from None
        except self.get_versions(obj).model.DoesNotExist:
            raise Http404("No such version of this object.") from None

    def compare_view(self, request, object_id):
        obj = self._object_or_404(request, object_id)
        versions = self.get_versions(obj)
        latest = versions.first()
        if latest is None:
            raise Http404("This object has no history yet.")
        old = self._version(obj, request.GET.get("old"))
        new_id = request.GET.get("new", "")
        new = latest if new_id in ("", "current") else self._version(obj, new_id)
        comparison = self.compare(obj, old, new)
        context = self._context(
            request,
            obj,
            f"Compare versions: {obj}",
            comparison=comparison,
            latest=latest,
            restore_old_url=self._url("restore", obj.pk, comparison.old.history_id),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.compare_template, context)

    def restore_view(self, request, object_id, history_id):
        obj = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        record = get_object_or_404(self.get_versions(obj), history_id=history_id)
        if request.method == "POST":
            notes = self.restore(request, obj, record)
            when = localize(localtime(record.history_date))
            self.message_user(request, f"Restored {obj} to the version of {when}.", messages.SUCCESS)
            for note in notes:
                self.message_user(request, note, messages.WARNING)
            return HttpResponseRedirect(self._url("change", obj.pk))
        latest = self.get_versions(obj).first()
        context = self._context(
            request,
            obj,
            f"Restore an earlier version: {obj}",
            record=record,
            # From the current version to the chosen one: what the restore will do.
            comparison=self.compare(obj, latest, record, chronological=False),
            latest=latest,
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.restore_template, context)


class VersionedPartAdmin:
    """A ModelAdmin mixin for the parts of a versioned object edited on their own pages (a guide's steps, a
    certification's sources): each save or delete of a part writes a new version of the object it belongs to, so
    that object's history covers every part (and its date tells the page cache that the page changed).

    ``part_of`` names the part's foreign key to that object. ``part_label`` starts the version's reason ("Source
    changed on its own page"); the part's verbose name by default. With ``history_is_the_wholes`` the part's own
    history page sends staff to the object's, whose versions are the ones that count.
    """

    part_of = ""
    part_label = None
    history_is_the_wholes = True

    def record_whole_version(self, request, whole, reason):
        """Write the version of ``whole``; an app whose objects version more than one row overrides this."""
        history.save_with_history(whole, user=request.user, reason=reason)

    def _record(self, request, wholes, verb):
        label = self.part_label or self.opts.verbose_name
        for whole in wholes:
            self.record_whole_version(request, whole, f"{label} {verb} on its own page")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or form.has_changed():
            self._record(request, [getattr(obj, self.part_of)], "changed" if change else "added")

    def delete_model(self, request, obj):
        whole = getattr(obj, self.part_of)
        super().delete_model(request, obj)
        self._record(request, [whole], "removed")

    def delete_queryset(self, request, queryset):
        link = self.opts.get_field(self.part_of)
        wholes = list(link.related_model._default_manager.filter(pk__in=queryset.values(link.attname)))
        super().delete_queryset(request, queryset)
        self._record(request, wholes, "removed")

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if self.history_is_the_wholes else None
        if obj is None:
            return super().history_view(request, object_id, extra_context)
        whole = self.opts.get_field(self.part_of).related_model._meta
        link_id = getattr(obj, self.opts.get_field(self.part_of).attname)
        return HttpResponseRedirect(reverse(f"admin:{whole.app_label}_{whole.model_name}_history", args=[link_id]))

"""Imports in the admin: the ImportRun history (read-only) and the pages that check and run an official file."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from core.middleware import AUTO_REFRESH_PARAM

from . import admin_jobs, stored_uploads
from .forms import AdminImportForm
from .models import AnotherImportRunning, ImportRun

# How often the progress page reloads itself, and the query parameter that stops it (WCAG 2.2.1: a page that
# updates itself by time lets the reader turn that off).
REFRESH_SECONDS = 2
STOP_REFRESH_PARAM = "no-refresh"


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Every import, from the command line or the admin: who, when, which file (SHA-256), vintage, counts, outcome."""

    list_display = [
        "started_at",
        "dataset",
        "vintage",
        "outcome_column",
        "started_by",
        "file_name",
        "created",
        "updated",
        "unchanged",
        "skipped",
        "rejected",
        "short_sha256",
    ]
    list_filter = ["outcome", "dataset", "started_by"]
    list_select_related = ["started_by"]
    search_fields = ["dataset", "vintage", "file_name", "=sha256", "source"]
    date_hierarchy = "started_at"
    fields = [
        "dataset",
        "outcome",
        "vintage",
        "source",
        "file_name",
        "sha256",
        "started_at",
        "finished_at",
        "duration",
        "started_by",
        "created",
        "updated",
        "unchanged",
        "skipped",
        "rejected",
        "peak_memory_mb",
        "report_text",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Outcome", ordering="outcome")
    def outcome_column(self, run):
        if run.interrupted:
            # Its process died (a kill or a restart during the import): the transaction was rolled back.
            return "Interrupted (nothing was written)"
        return run.get_outcome_display()

    @admin.display(description="SHA-256")
    def short_sha256(self, run):
        return run.sha256[:12]

    @admin.display(description="Duration")
    def duration(self, run):
        seconds = run.duration_seconds
        return "still running" if seconds is None else f"{seconds:.1f} s"

    @admin.display(description="Report")
    def report_text(self, run):
        return format_html('<pre class="import-report">{}</pre>', run.report or "(no report)")

    def changelist_view(self, request, extra_context=None):
        ImportRun.objects.mark_dead_runs_failed()  # the history never shows a dead import as running
        return super().changelist_view(request, extra_context)

    # -- Importing from the admin ------------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="imports_importrun_import"),
            path("import/confirm/", wrap(self.confirm_view), name="imports_importrun_confirm"),
            path("import/job/<str:job_id>/", wrap(self.job_view), name="imports_importrun_job"),
            *super().get_urls(),
        ]

    def _require_import_permission(self, request):
        if not request.user.has_perm("imports.run_import"):
            raise PermissionDenied

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "changelist_url": reverse("admin:imports_importrun_changelist"),
            "import_url": reverse("admin:imports_importrun_import"),
            **extra,
        }

    def import_view(self, request):
        """Choose a dataset and a file (upload or address); submitting starts a dry run."""
        self._require_import_permission(request)
        form = AdminImportForm(request.POST or None, request.FILES or None)
        busy = admin_jobs.running_import()
        if request.method == "POST" and form.is_valid():
            if busy is not None:
                form.add_error(None, f"Another import is running ({busy}); start this one when it has finished.")
            else:
                data = form.cleaned_data
                stored_uploads.delete_stale_files()
                options = {
                    "dataset": data["dataset"],
                    "dry_run": True,
                    "user": request.user,
                    "period": data["period"].strip(),
                    "max_rejects": data["max_rejects"],
                }
                try:
                    if data["upload"]:
                        stored = stored_uploads.store_chunks(data["upload"].chunks(), data["upload"].name)
                        state = admin_jobs.new_job(
                            source_label=f"uploaded in the admin: {stored.name}", stored=stored, **options
                        )
                    else:
                        state = admin_jobs.new_job(source_label=data["url"], url=data["url"], **options)
                except stored_uploads.StoredFileError as error:
                    form.add_error("upload", str(error))
                else:
                    admin_jobs.start(state)
                    return HttpResponseRedirect(reverse("admin:imports_importrun_job", args=[state.id]))
        context = self._context(request, "Import an official data file", form=form, busy=busy)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/imports/import_form.html", context, status=400 if form.errors else 200)

    def job_view(self, request, job_id):
        """A dry run or an import: progress while it runs (the page reloads itself), then its report."""
        self._require_import_permission(request)
        state = admin_jobs.load_state(job_id)
        if state is None:
            raise Http404("No such import. It may have been cleaned up: start again from the import page.")
        state = admin_jobs.settle(state)  # a job whose process is gone is failed, never left "running"
        run = None
        if state.is_over and state.run_id:
            run = ImportRun.objects.filter(pk=state.run_id).select_related("started_by").first()
        confirm_token = None
        if run is not None and state.dry_run and run.outcome == ImportRun.Outcome.DRY_RUN and state.stored:
            confirm_token = stored_uploads.make_token(
                stored_uploads.ImportRequest(
                    dataset=state.dataset,
                    sha256=state.stored.sha256,
                    name=state.stored.name,
                    period=state.period,
                    max_rejects=state.max_rejects,
                    source=state.source_label,
                )
            )
        title = ("Dry run: " if state.dry_run else "Import: ") + state.dataset
        in_progress = not state.is_over
        stopped = STOP_REFRESH_PARAM in request.GET
        context = self._context(
            request,
            title,
            job=state,
            run=run,
            waiting_for_a_worker=admin_jobs.waiting_for_a_worker(state),
            in_progress=in_progress,
            refresh=in_progress and not stopped,
            refresh_stopped=in_progress and stopped,
            refresh_seconds=REFRESH_SECONDS,
            refresh_url=f"{request.path}?{AUTO_REFRESH_PARAM}=1",
            stop_refresh_url=f"{request.path}?{STOP_REFRESH_PARAM}=1",
            resume_refresh_url=request.path,
            confirm_token=confirm_token,
            confirm_url=reverse("admin:imports_importrun_confirm"),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/imports/import_job.html", context)

    def confirm_view(self, request):
        """After a clean dry run: import the same stored file for real."""
        self._require_import_permission(request)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            wanted = stored_uploads.read_token(request.POST.get("token", ""))
        except stored_uploads.StoredFileError as error:
            self.message_user(request, f"Nothing was imported: {error}.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:imports_importrun_import"))
        try:
            # Takes the one running slot now: of three tabs confirming at once, one starts and two hear this.
            state = admin_jobs.claim_import(request=wanted, user=request.user)
        except AnotherImportRunning as busy:
            self.message_user(request, f"{busy}; check the file again when it has finished.", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:imports_importrun_import"))
        admin_jobs.start(state)
        return HttpResponseRedirect(reverse("admin:imports_importrun_job", args=[state.id]))

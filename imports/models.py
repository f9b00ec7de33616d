"""A record of every import of an official data file, and the rule that only one runs at a time."""

import os

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from . import run_liveness


class RunRefused(Exception):
    """A run that cannot start; the message says why, for the steward or the command line."""


class AnotherImportRunning(RunRefused):
    """Raised instead of starting a run while another one is running (the database refuses a second)."""

    def __init__(self, running=None):
        self.running = running
        super().__init__(f"Another import is running ({running})" if running else "Another import is running")


class ImportRunQuerySet(models.QuerySet):
    def running(self):
        return self.filter(outcome=ImportRun.Outcome.RUNNING)

    def mark_dead_runs_failed(self):
        """Mark failed every running run whose process is gone (run_liveness.why_dead); return them.

        Called whenever anyone asks whether an import is running, so a killed import never blocks the next one.
        Each update is conditional on the heartbeat and owner it judged, so a run that has just shown a sign of
        life, or been taken up by a worker, is left alone."""
        now = timezone.now()
        marked = []
        for run in self.running():
            reason = run_liveness.why_dead(run, now=now)
            if reason is None:
                continue
            report = "\n".join(line for line in (run.report, f"FAILED: {reason}; nothing was imported") if line)
            same_state = {"heartbeat_at": run.heartbeat_at, "owner_pid": run.owner_pid}
            failed = {"outcome": ImportRun.Outcome.FAILED, "interrupted": True, "finished_at": now, "report": report}
            if self.running().filter(pk=run.pk, **same_state).update(**failed):
                for name, value in failed.items():
                    setattr(run, name, value)
                marked.append(run)
        return marked

    def running_import(self):
        """The import running now, if any, after marking dead ones failed."""
        self.mark_dead_runs_failed()
        return self.running().first()

    def start(self, *, dataset, source, started_by=None, claimed=None, owned=True, task_id=""):
        """A new running run (or the ``claimed`` one, taken up), owned by this process, with its heartbeat going.

        ``owned=False`` only claims the one running slot (an admin confirmation, before a worker takes it up).
        Raises AnotherImportRunning when another run holds the slot: the database's one_running_import constraint
        decides, so two requests at the same moment cannot both start."""
        self.mark_dead_runs_failed()
        owner = {"owner_host": run_liveness.this_host(), "owner_pid": os.getpid()} if owned else {}
        fields = {**owner, "heartbeat_at": timezone.now()}
        if claimed is not None:
            if not self.running().filter(pk=claimed.pk, owner_pid__isnull=True).update(**fields):
                claimed.refresh_from_db()
                why = (claimed.report or claimed.get_outcome_display()).splitlines()[-1]
                raise RunRefused(f"this import was stopped before it began: {why}")
            run = claimed
            for name, value in fields.items():
                setattr(run, name, value)
        else:
            # Read first: on SQLite an insert would wait for the running import's write lock rather than be refused.
            if running := self.running().first():
                raise AnotherImportRunning(running)
            try:
                with transaction.atomic():
                    run = self.create(
                        dataset=dataset, source=str(source), started_by=started_by, task_id=task_id, **fields
                    )
            except IntegrityError:
                raise AnotherImportRunning(self.running().first()) from None
        if owned:
            run_liveness.Heartbeat(run).start()
        return run


class ImportRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        DRY_RUN = "dry_run", "Dry run"
        FAILED = "failed", "Failed"

    dataset = models.CharField(max_length=40)
    source = models.TextField(help_text="The path or download address given.")
    file_name = models.CharField(max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    vintage = models.CharField(max_length=40, blank=True, help_text='e.g. "May 2025" or "2023-24".')
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    report = models.TextField(blank=True, help_text="Warnings, rejected rows and errors, as the command printed them.")
    outcome = models.CharField(max_length=20, choices=Outcome, default=Outcome.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_runs"
    )
    peak_memory_mb = models.PositiveIntegerField(null=True, blank=True)
    # Who runs it, for run_liveness: the process (host and PID), its last sign of life, and the task, if any.
    owner_host = models.CharField(max_length=255, blank=True)
    owner_pid = models.PositiveIntegerField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, help_text="The task (django.tasks) that runs it.")
    interrupted = models.BooleanField(default=False, help_text="Marked failed because its process had stopped.")

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        permissions = [("run_import", "Can run imports of official data from the admin")]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["running", "succeeded", "dry_run", "failed"]), name="import_run_outcome_valid"
            ),
            # One import at a time, whoever starts it: a second running row is refused by the database itself.
            models.UniqueConstraint(fields=["outcome"], condition=Q(outcome="running"), name="one_running_import"),
        ]
        indexes = [models.Index(fields=["dataset", "outcome", "-started_at"], name="import_run_dataset_idx")]

    def __str__(self):
        return f"{self.dataset} {self.vintage} ({self.get_outcome_display()}, {self.started_at:%Y-%m-%d %H:%M})"

    @property
    def duration_seconds(self):
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

"""A record of every import of an official data file."""

from django.conf import settings
from django.db import models
from django.db.models import Q


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

    class Meta:
        ordering = ["-started_at"]
        permissions = [("run_import", "Can run imports of official data from the admin")]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["running", "succeeded", "dry_run", "failed"]), name="import_run_outcome_valid"
            ),
        ]
        indexes = [models.Index(fields=["dataset", "outcome", "-started_at"], name="import_run_dataset_idx")]

    def __str__(self):
        return f"{self.dataset} {self.vintage} ({self.get_outcome_display()}, {self.started_at:%Y-%m-%d %H:%M})"

    @property
    def duration_seconds(self):
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

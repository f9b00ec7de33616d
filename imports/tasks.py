"""The tasks of the imports app, on Django's tasks framework (django.tasks); `manage.py db_worker` runs them."""

from django.tasks import task

from . import admin_jobs, stored_uploads


@task
def run_admin_import_job(job_id: str) -> str:
    """Run one admin import job (a dry run or a confirmed import); its state file says what to do and how it went.

    Each job first removes the stored uploads nobody can confirm any more, so the worker keeps MEDIA_ROOT tidy."""
    stored_uploads.delete_stale_files()
    state = admin_jobs.load_state(job_id)
    if state is None:  # cleaned up before a worker took it up
        return "gone"
    return admin_jobs.run_job(state).status

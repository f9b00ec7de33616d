"""Content: the certifying bodies AHIMA, AAPC and NCRA and the eight credentials the career guides name.

The content now lives in content/certifications/ and is loaded by `manage.py sync_content`
(schools/content_sync.py). This migration no longer writes anything: a database that applied it
earlier keeps exactly what it installed, and a new database gets the content from sync_content,
which also writes each row's first history version."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0001_initial"),
        ("schools", "0001_initial"),
    ]

    operations = []

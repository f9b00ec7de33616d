"""Content: the first five career guides, their parts and links.

The content now lives in content/careers/ and is loaded by `manage.py sync_content`
(schools/content_sync.py). This migration no longer writes anything: a database that applied it
earlier keeps exactly what it installed, and a new database gets the content from sync_content,
which also writes each row's first history version."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_oews_may_2025_and_projections_2024_34"),
        ("certifications", "0002_ahima_aapc_ncra_credentials"),
        ("schools", "0001_initial"),
    ]

    operations = []

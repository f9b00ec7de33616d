"""Content: the starting BLS figures (OEWS May 2025 national, Employment Projections 2024-34) for the occupations
the guides cover.

The content now lives in content/starting-figures.yaml and is loaded by `manage.py sync_content`
(schools/content_sync.py). This migration no longer writes anything: a database that applied it
earlier keeps exactly what it installed, and a new database gets the content from sync_content,
which also writes each row's first history version."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0002_initial"),
    ]

    operations = []

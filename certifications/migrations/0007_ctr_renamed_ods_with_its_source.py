"""Content: the CTR's 2024 renaming, with the NCRA page that states it.

The content now lives in content/certifications/ctr.yaml and is loaded by `manage.py sync_content`
(schools/content_sync.py). This migration no longer writes anything: a database that applied it
earlier keeps exactly what it installed, and a new database gets the content from sync_content,
which also writes each row's first history version."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("certifications", "0006_name_sources_of_shipped_certifications")]

    operations = []

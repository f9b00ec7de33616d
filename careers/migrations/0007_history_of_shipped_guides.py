"""A first history version of every guide and its parts that the content migrations installed.

No longer needed: the content now comes from content/ through `manage.py sync_content`,
which writes each row's first history version itself. A database that applied this migration
earlier keeps the versions it wrote."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("careers", "0006_editorial_history_and_publish_permission")]

    operations = []

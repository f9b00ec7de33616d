"""Trigram indexes for Find a School's name search on PostgreSQL.

The name box matches anywhere in a school's name or alias, case-insensitively (Django's icontains, which PostgreSQL
runs as ``UPPER(column) LIKE UPPER('%word%')``). A B-tree index cannot serve a pattern that starts with a wildcard;
a pg_trgm GIN index on the same ``UPPER(...)`` expression can. SQLite has no such index and scans its few thousand
rows instead. pg_trgm ships with PostgreSQL and is a trusted extension (13+), so the database owner may create it;
where it cannot be created the migration says so and goes on, and the search still works, only by a scan.
"""

from django.db import DatabaseError, migrations, transaction

INDEXES = [
    ("institution_name_trgm_idx", "schools_institution", "name"),
    ("institution_alias_trgm_idx", "schools_institution", "alias"),
    ("inst_override_name_trgm_idx", "schools_institutionoverride", "display_name"),
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError as error:
            print(f"\n  pg_trgm is not available ({error}); name search will scan the schools table instead.")
            return
        for name, table, column in INDEXES:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} "
                f"USING gin ((UPPER({quote(column)}::text)) gin_trgm_ops)"
            )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _, _ in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("schools", "0005_history_of_existing_staff_choices")]

    operations = [migrations.RunPython(create_trigram_indexes, drop_trigram_indexes)]

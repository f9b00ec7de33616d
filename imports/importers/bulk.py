"""Multi-row INSERT statements for the importers' batches, written from the records themselves.

``bulk_create`` builds a model instance for every row and compiles every value through the ORM: for the 282,000-row
completions file that was about a third of the import's time (cProfile: 526,000 instances, two signals each, and
the insert compiler's per-value preparation). The importers' models are plain tables (no ``save()`` logic, no
signals we rely on, defaults that are constants), so a batch goes straight from its dicts to one parameterised
``INSERT ... VALUES (...), (...) [ON CONFLICT (key) DO UPDATE SET ...] [RETURNING id]``, which PostgreSQL and SQLite
(3.35+) both run. Each value is still prepared by its field (``get_db_prep_save``), exactly as Django would.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, router
from django.db.backends.base.operations import BaseDatabaseOperations

from .pg_copy import can_copy, copy_insert


def check_plain_model(model):
    """Refuse a model this module would write wrongly: ``auto_now``/``auto_now_add`` fields are filled by
    ``pre_save``, and a model's own ``save()`` holds logic, and both are skipped by a hand-written INSERT."""
    stamped = [
        field.name
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    if stamped:
        raise ImproperlyConfigured(
            f"{model.__name__} cannot be imported with insert_rows: its field(s) {', '.join(stamped)} use "
            "auto_now/auto_now_add, which only save() fills; give them a default or write them in the importer"
        )
    if model.save is not models.Model.save:
        raise ImproperlyConfigured(
            f"{model.__name__} cannot be imported with insert_rows: it has its own save(), which a bulk INSERT "
            "would skip; move that logic into the importer"
        )


def insert_rows(model, records, *, conflict_key=(), update=(), returning=False):
    """Insert ``records`` (dicts keyed by field attname or name) into ``model``'s table, in as few statements as the
    database takes. With ``conflict_key``, a row whose key exists is updated (``update`` fields) or left alone (no
    ``update``). With ``returning``, the new rows' primary keys in the order of ``records``.
    """
    check_plain_model(model)
    if not records:
        return []
    connection = connections[router.db_for_write(model)]
    if returning and not connection.features.can_return_rows_from_bulk_insert:
        created = model._default_manager.bulk_create([model(**record) for record in records])
        return [obj.pk for obj in created]

    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    known = {name for field in fields for name in (field.attname, field.name)}
    unknown = set().union(*records) - known
    if unknown:
        raise TypeError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")

    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    suffix = ""
    if conflict_key:
        key = ", ".join(quote(model._meta.get_field(name).column) for name in conflict_key)
        if update:
            assignments = ", ".join(
                f"{quote(column)} = EXCLUDED.{quote(column)}"
                for column in (model._meta.get_field(name).column for name in update)
            )
            suffix = f" ON CONFLICT ({key}) DO UPDATE SET {assignments}"
        else:
            suffix = f" ON CONFLICT ({key}) DO NOTHING"
    if returning:
        suffix += f" RETURNING {quote(model._meta.pk.column)}"

    preparers = [_preparer(field, connection) for field in fields]
    if can_copy(connection, len(records)):
        prepared = [[prepare(record) for prepare in preparers] for record in records]
        columns_of = [field.column for field in fields]
        returned = copy_insert(connection, model._meta.db_table, columns_of, prepared, suffix, returning)
        if returned is not None:
            return [row[0] for row in returned]
    table = quote(model._meta.db_table)
    per_statement = max(1, connection.ops.bulk_batch_size(fields, records))
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(records), per_statement):
            chunk = records[start : start + per_statement]
            params = [prepare(record) for record in chunk for prepare in preparers]
            # Table and column names come from the model and are quoted; every value is a parameter.
            sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(chunk))}{suffix}"  # noqa: S608
            cursor.execute(sql, params)
            if returning:
                ids.extend(returned[0] for returned in cursor.fetchall())
    return ids


# Fields whose preparation gives an int (text) value back unchanged: IntegerField.get_prep_value is int(value), and
# CharField's and TextField's is str(value). Exact classes only: a subclass may prepare differently.
_INTEGER_FIELDS = frozenset(
    {
        models.IntegerField,
        models.SmallIntegerField,
        models.BigIntegerField,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.PositiveBigIntegerField,
        models.AutoField,
        models.SmallAutoField,
        models.BigAutoField,
    }
)
_TEXT_FIELDS = frozenset({models.CharField, models.TextField})


def _unchanged_type(field, connection):
    """The one value type ``field.get_db_prep_save`` returns as it is on this connection (int or str), or None.

    Preparing each of the 2.1 million values of the all-CIP completions file through Django took 2.5 s of the
    import (cProfile); an int in an integer column or a foreign key, or a str in a text column, comes out as it went
    in, so those skip the calls. Integer adapters that wrap the value (psycopg 3) turn the shortcut off."""
    ops = type(connection.ops)
    if (
        ops.adapt_integerfield_value is not BaseDatabaseOperations.adapt_integerfield_value
        or ops.validate_autopk_value is not BaseDatabaseOperations.validate_autopk_value
    ):
        return None
    if type(field) is models.ForeignKey:
        # ForeignKey.get_db_prep_save hands a value other than None or "" to its target field.
        return int if type(field.target_field) in _INTEGER_FIELDS else None
    if type(field) in _INTEGER_FIELDS:
        return int
    return str if type(field) in _TEXT_FIELDS else None


def _preparer(field, connection):
    """A function that takes a record and returns ``field``'s value prepared for the database, as Django would."""
    attname, name, prepare = field.attname, field.name, field.get_db_prep_save
    unchanged = _unchanged_type(field, connection)

    def prepared(record):
        if attname in record:
            value = record[attname]
        elif name in record:
            value = record[name]
            if isinstance(value, models.Model):
                value = value.pk
        else:
            value = field.get_default()
        if type(value) is unchanged:
            return value
        return prepare(value, connection)

    return prepared

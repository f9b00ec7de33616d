"""Every column Find a School filters on has an index the database can use for that filter."""

import pytest
from django.db import connection

from schools.filters import SchoolFilter
from schools.models import Completion, Institution, Program

pytestmark = pytest.mark.django_db

# (model, columns an index must start with): the filters of schools/filters.py and the joins of schools/selectors.py.
FILTERED = [
    (Institution, ["state"]),
    (Institution, ["control"]),
    (Institution, ["level"]),
    (Institution, ["is_active"]),
    (Institution, ["latitude", "longitude"]),  # the distance search's bounding box
    (Institution, ["longitude"]),
    (Institution, ["unitid"]),  # compare and the school page
    (Program, ["cip", "institution"]),  # career, program: which schools have these programs
    (Program, ["institution"]),  # a school's programs
    (Completion, ["year", "program"]),  # the newest year's completions of each program
]


def index_columns(model):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]


@pytest.mark.parametrize(("model", "columns"), FILTERED, ids=lambda v: v if isinstance(v, str) else None)
def test_each_filtered_column_leads_an_index(model, columns):
    db_columns = [model._meta.get_field(name).column for name in columns]
    assert any(found[: len(db_columns)] == db_columns for found in index_columns(model)), (model, columns)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram (pg_trgm) indexes exist on PostgreSQL only")
def test_the_name_search_can_use_the_trigram_indexes(world):
    # The name filter alone: with the whole search the planner may start from another index (active schools).
    schools = SchoolFilter().filter_name_or_alias(Institution.objects.order_by(), "q", "rocket")
    sql, params = schools.query.sql_with_params()
    with connection.cursor() as cursor:
        # Six test schools would be scanned anyway; without a scan to fall back on, the plan shows whether the
        # indexes match the query's UPPER(...) LIKE expressions at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    assert "institution_name_trgm_idx" in plan and "institution_alias_trgm_idx" in plan, plan

"""Large batches go in by COPY on PostgreSQL (imports/importers/pg_copy.py): the same rows, keys and counts as the
INSERT ... VALUES statements they replace, and a second import of a file rewrites no row. The fixtures are small,
so these tests lower the batch size COPY starts at; on SQLite they check the VALUES path gives the same."""

import datetime

import pytest
from django.db import connection, models

from imports.importers import bulk, pg_copy
from imports.importers.bulk import insert_rows
from reference_data.models import WageEstimate, ZipCentroid
from schools.models import Completion, Program
from tests.factories import CipCodeFactory, InstitutionFactory, OccupationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def copies(monkeypatch):
    """Every batch by COPY; returns the list of tables COPY wrote (always empty on SQLite)."""
    monkeypatch.setattr(pg_copy, "COPY_MIN_ROWS", 1)
    tables = []

    def copy_insert(connection, table, *args):
        returned = pg_copy.copy_insert(connection, table, *args)
        if returned is not None:
            tables.append(table)
        return returned

    monkeypatch.setattr(bulk, "copy_insert", copy_insert)
    return tables


def test_text_with_tabs_line_breaks_and_backslashes_and_nulls_arrives_as_it_was(copies):
    awkward = "tab\there\nnew line\r\\N back\\slash \\t é"
    insert_rows(ZipCentroid, [{"zip_code": "01234", "latitude": 1.5, "longitude": -2.25, "source": awkward}])
    insert_rows(ZipCentroid, [{"zip_code": "01235", "latitude": 0.1 + 0.2, "longitude": 0.0, "vintage": "\\N"}])
    first, second = ZipCentroid.objects.order_by("zip_code")
    assert (first.source, first.latitude, first.longitude) == (awkward, 1.5, -2.25)
    assert (second.vintage, second.latitude) == ("\\N", 0.1 + 0.2)
    assert copies == ([ZipCentroid._meta.db_table] * 2 if connection.vendor == "postgresql" else [])


def test_upsert_updates_only_the_fields_it_names_and_returns_keys_in_order():
    insert_rows(ZipCentroid, [{"zip_code": f"0{n:04d}", "latitude": n, "longitude": n} for n in range(3)])
    insert_rows(
        ZipCentroid,
        [{"zip_code": "00001", "latitude": 9.0, "longitude": 9.0, "vintage": "2030"}],
        conflict_key=["zip_code"],
        update=["latitude"],
    )
    assert ZipCentroid.objects.values_list("latitude", "longitude", "vintage").get(zip_code="00001") == (9.0, 1.0, "")
    school, cips = InstitutionFactory(), [CipCodeFactory(code=f"51.{n:04d}") for n in (9, 3, 7, 1)]
    ids = insert_rows(Program, [{"institution_id": school.pk, "cip_id": c.pk, "award_level": "3"} for c in cips],
                      returning=True)  # fmt: skip
    assert [Program.objects.get(pk=pk).cip_id for pk in ids] == [cip.pk for cip in cips]


def test_values_without_one_text_form_fall_back_to_insert_values(copies):
    occupation = OccupationFactory(soc_code="29-8888")
    record = {"occupation": occupation, "area_type": "national", "area_code": "99", "area_name": "U.S.",
              "period": datetime.date(2026, 5, 1), "annual_median": 50000, "top_coded": ["annual_median"]}  # fmt: skip
    insert_rows(WageEstimate, [record])
    wage = WageEstimate.objects.get(occupation=occupation)
    assert (wage.period, wage.top_coded) == (datetime.date(2026, 5, 1), ["annual_median"])
    assert copies == []


def test_a_failed_batch_leaves_no_temporary_table_or_row():
    school, cip = InstitutionFactory(), CipCodeFactory(code="51.0707")
    row = {"institution_id": school.pk, "cip_id": cip.pk, "award_level": "3"}
    insert_rows(Program, [row])
    with pytest.raises(Exception, match="program_natural_key|UNIQUE"):
        insert_rows(Program, [{**row, "award_level": "2"}, row])
    assert list(Program.objects.values_list("award_level", flat=True)) == ["3"]
    insert_rows(Program, [{**row, "award_level": "5"}])  # the temporary table's name is free again
    assert Program.objects.count() == 2


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Completion, {"program_id": 7, "year": 2024, "total": 12, "men": None, "women": 0}),
        (Program, {"institution_id": 3, "cip_id": 41, "award_level": "21"}),
        (ZipCentroid, {"zip_code": "01234", "latitude": 1.25, "longitude": -3.5}),
    ],
)
def test_values_are_prepared_as_django_prepares_them(model, values):
    for field in model._meta.concrete_fields:
        if field.attname in values:
            expected = field.get_db_prep_save(values[field.attname], connection)
            got = bulk._preparer(field, connection)(values)
            assert (got, type(got)) == (expected, type(expected)), field.name


def test_the_int_and_text_shortcut_is_for_exact_django_field_classes_only():
    class Shouting(models.CharField):
        def get_prep_value(self, value):
            return super().get_prep_value(value).upper()

    field = Shouting(max_length=5)
    field.set_attributes_from_name("word")
    assert bulk._preparer(field, connection)({"word": "quiet"}) == "QUIET"


def test_a_second_completions_import_rewrites_no_row_and_a_changed_figure_is_updated(load, base_data, copies):
    first = load("ipeds-completions", "c2023_a.csv")
    assert (first.outcome, first.created) == ("succeeded", 6), first.report
    if connection.vendor == "postgresql":
        assert {"schools_program", "schools_completion"} <= set(copies)
    before = _rows()
    again = load("ipeds-completions", "c2023_a.csv")
    assert (again.created, again.updated, again.unchanged, again.skipped, again.rejected) == (0, 0, 6, 4, 0)
    assert "programs: created 0, updated 0, unchanged 6" in again.report
    assert _rows() == before  # same ids, values and (on PostgreSQL) row versions: nothing was written
    Completion.objects.filter(total=14).update(total=15, women=13)
    changed = load("ipeds-completions", "c2023_a.csv")
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 5)
    assert Completion.objects.filter(total=14, men=2, women=12).count() == 1


def _rows():
    """Every program and completion with its id and, on PostgreSQL, its row version (xmin changes on any write)."""
    version = ", xmin::text" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, institution_id, cip_id, award_level{version} FROM schools_program ORDER BY id")  # noqa: S608
        programs = cursor.fetchall()
        cursor.execute(f"SELECT id, program_id, year, total, men, women{version} FROM schools_completion ORDER BY id")  # noqa: S608
        return programs, cursor.fetchall()

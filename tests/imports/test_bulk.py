"""The importers' multi-row INSERT (imports/importers/bulk.py) writes what bulk_create would, on both databases."""

import datetime

import pytest
from django.db import connection

from imports.importers.bulk import insert_rows
from reference_data.models import WageEstimate, ZipCentroid
from schools.models import Program
from tests.factories import CipCodeFactory, InstitutionFactory, OccupationFactory

pytestmark = pytest.mark.django_db


def test_new_rows_get_their_defaults_and_prepared_values():
    insert_rows(ZipCentroid, [{"zip_code": "01234", "latitude": 42.1, "longitude": -72.5}])
    row = ZipCentroid.objects.get(zip_code="01234")
    assert (row.latitude, row.longitude, row.source, row.vintage) == (42.1, -72.5, "Census Gazetteer ZCTA", "")
    occupation = OccupationFactory(soc_code="29-8888")
    record = {
        "occupation": occupation,  # a field's name with an instance, as well as attnames
        "area_type": WageEstimate.AreaType.NATIONAL,
        "area_code": "99",
        "area_name": "U.S.",
        "period": datetime.date(2026, 5, 1),
        "annual_median": 50000,
    }
    insert_rows(WageEstimate, [record])
    wage = WageEstimate.objects.get(occupation=occupation)
    assert wage.period == datetime.date(2026, 5, 1) and wage.annual_median == 50000
    assert wage.top_coded == [] and wage.employment is None


def test_a_conflict_on_the_key_updates_the_values_it_names_and_only_those():
    insert_rows(ZipCentroid, [{"zip_code": "01234", "latitude": 1.0, "longitude": 2.0, "vintage": "2024"}])
    insert_rows(
        ZipCentroid,
        [{"zip_code": "01234", "latitude": 3.0, "longitude": 4.0, "vintage": "2025"}],
        conflict_key=["zip_code"],
        update=["latitude", "longitude"],
    )
    row = ZipCentroid.objects.get(zip_code="01234")
    assert (row.latitude, row.longitude, row.vintage) == (3.0, 4.0, "2024")
    insert_rows(ZipCentroid, [{"zip_code": "01234", "latitude": 9.0, "longitude": 9.0}], conflict_key=["zip_code"])
    assert ZipCentroid.objects.get(zip_code="01234").latitude == 3.0  # no update fields: left alone
    assert ZipCentroid.objects.count() == 1


def test_returning_gives_each_new_row_its_key_in_order_across_statements(monkeypatch):
    school, cips = InstitutionFactory(), [CipCodeFactory(code=f"51.{n:04d}") for n in range(1, 8)]
    rows = [{"institution_id": school.pk, "cip_id": cip.pk, "award_level": "3"} for cip in cips]
    # Three rows a statement, so the keys come back from three statements.
    monkeypatch.setattr(connection.ops, "bulk_batch_size", lambda fields, objs: 3)
    ids = insert_rows(Program, rows, returning=True)
    assert [Program.objects.get(pk=pk).cip_id for pk in ids] == [cip.pk for cip in cips]


def test_an_unknown_field_is_refused_before_anything_is_written():
    with pytest.raises(TypeError, match="no field colour"):
        insert_rows(ZipCentroid, [{"zip_code": "01234", "latitude": 1.0, "longitude": 2.0, "colour": "red"}])
    assert not ZipCentroid.objects.exists()

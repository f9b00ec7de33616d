"""The guide's industries and pay map from the real OEWS May 2025 files in ../shared/data (skipped where that
folder is missing)."""

import re

import pytest

from careers.pay_map import pay_map
from careers.profile_selectors import national_and_state_wages
from imports.services import run_import
from reference_data.models import Occupation

from .conftest import MBC
from .test_views import section, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


@pytest.fixture
def real_wages(shared_data_dir, shipped_content):
    for name in ("state_M2025_dl_healthcare.csv", "national_M2025_dl_industry_healthcare.csv"):
        dataset = "oews-industries" if "industry" in name else "oews"
        run = run_import(dataset, shared_data_dir / "bls" / name)
        assert run.outcome == "succeeded", run.report


def state_map(soc):
    _, states = national_and_state_wages(Occupation.objects.get(soc_code=soc))
    return pay_map(states, period_label="May 2025")


@pytest.mark.usefixtures("real_wages")
def test_medical_records_specialists_work_in_hospitals_55530_at_a_median_of_59120(client):
    where = text_of(section(client.get(MBC).content.decode(), "where-they-work"))
    assert "Hospitals 55,530 $59,120" in where
    assert "Ambulatory Health Care Services 55,630 $47,730" in where  # the largest employer is listed first
    assert where.index("Ambulatory Health Care Services") < where.index("Hospitals 55,530")


@pytest.mark.usefixtures("real_wages")
def test_the_pay_map_colours_follow_the_state_medians():
    result = state_map("29-2072")
    drawn = [state for state in result.states if state.median is not None]
    assert len(drawn) == 51  # 29-2072 has a median for every state and DC (Vermont's employment is ** only)
    ordered = sorted(drawn, key=lambda state: state.median)
    assert [s.map_class.number for s in ordered] == sorted(s.map_class.number for s in ordered)
    by_value = {}
    for state in drawn:
        by_value.setdefault(state.median, set()).add(state.css_class)
    assert all(len(classes) == 1 for classes in by_value.values())  # the same value, the same colour
    states = {state.postal: state for state in (*result.states, *result.off_map)}
    assert (states["AL"].median_text, states["VT"].median_text) == ("$43,810", "$57,560")
    assert states["PR"].median_text == "$27,990" and not states["PR"].on_map


@pytest.mark.usefixtures("real_wages")
def test_vermonts_missing_median_is_drawn_and_said_as_missing():
    # OEWS May 2025 marks Vermont's median for Chiropractors (29-1011) "*": wage not available.
    vermont = next(state for state in state_map("29-1011").states if state.postal == "VT")
    assert (vermont.median, vermont.css_class, vermont.title) == (
        None,
        "pay-map__none",
        "Vermont: not published by BLS",
    )


@pytest.mark.usefixtures("real_wages")
def test_the_guide_draws_the_real_map_with_its_table(client):
    pay = section(client.get(MBC).content.decode(), "pay")
    assert len(re.findall(r'<path class="pay-map__state pay-map__c[1-5]"', pay)) == 51
    assert "<title>Vermont: $57,560</title>" in pay

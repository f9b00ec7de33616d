"""The pay map's classes and missing states, without a database; and its shapes file (scripts/build_us_state_shapes.py
made it from us-atlas)."""

import re
from types import SimpleNamespace

from careers.pay_map import NO_DATA_CLASS, class_thresholds, pay_map, state_shapes


def state(fips, name, postal, median, top_coded=()):
    return SimpleNamespace(
        area_code=fips, area_name=name, state=postal, annual_median=median, top_coded=list(top_coded)
    )


WAGES = [
    state("01", "Alabama", "AL", 43_000),
    state("02", "Alaska", "AK", 61_000),
    state("04", "Arizona", "AZ", 47_000),
    state("05", "Arkansas", "AR", 41_000),
    state("06", "California", "CA", 61_000),  # the same value as Alaska
    state("08", "Colorado", "CO", 59_000),
    state("09", "Connecticut", "CT", 60_000),
    state("10", "Delaware", "DE", 56_000),
    state("11", "District of Columbia", "DC", 72_000),
    state("12", "Florida", "FL", 45_000),
    state("50", "Vermont", "VT", None),  # BLS marked the wage *
    state("72", "Puerto Rico", "PR", 28_000),  # has figures, not on the map
]


def by_postal(result):
    return {s.postal: s for s in (*result.states, *result.off_map)}


def test_the_same_value_gets_the_same_colour_and_classes_follow_the_medians():
    result = pay_map(WAGES)
    states = by_postal(result)
    assert states["AK"].css_class == states["CA"].css_class
    coloured = sorted((s for s in result.states if s.median is not None), key=lambda s: s.median)
    numbers = [s.map_class.number for s in coloured]
    assert numbers == sorted(numbers)  # never a lower class for a higher median
    assert numbers[0] == 1 and numbers[-1] == len(result.classes) == 5
    assert states["DC"].css_class == "pay-map__c5" and states["AR"].css_class == "pay-map__c1"


def test_the_legend_names_each_class_by_the_medians_in_it():
    result = pay_map(WAGES)
    # Ten states drawn with a median (Puerto Rico is off the map, Vermont has none), nine distinct values.
    assert sum(c.count for c in result.classes) == 10
    assert [c.label for c in result.classes] == [
        "$41,000", "$43,000 to $45,000", "$47,000 to $56,000", "$59,000 to $60,000", "$61,000 to $72,000",
    ]  # fmt: skip


def test_a_state_without_a_median_is_drawn_as_no_data_and_said_in_words():
    result = pay_map(WAGES)
    states = by_postal(result)
    assert states["VT"].css_class == NO_DATA_CLASS
    assert states["VT"].title == "Vermont: not published by BLS"
    assert states["NY"].title == "New York: no estimate published"  # no row at all
    assert "Vermont" in [s.name for s in result.missing]
    assert states["AL"].title == "Alabama: $43,000"


def test_every_state_is_drawn_and_territories_are_listed_off_the_map():
    result = pay_map(WAGES)
    assert len(result.states) == 51 and all(s.path.startswith("M") for s in result.states)
    assert [s.name for s in result.off_map] == ["Puerto Rico"]
    assert by_postal(result)["PR"].median_text == "$28,000" and not by_postal(result)["PR"].on_map
    assert "Puerto Rico" in [s.name for s in result.table_rows]


def test_a_top_coded_median_says_or_more():
    result = pay_map([state("01", "Alabama", "AL", 239_200, ["annual_median"]), state("02", "Alaska", "AK", 90_000)])
    assert by_postal(result)["AL"].median_text == "$239,200 or more"


def test_no_figures_at_all_draws_every_state_as_no_data():
    result = pay_map([])
    assert not result.has_data and result.classes == ()
    assert {s.css_class for s in result.states} == {NO_DATA_CLASS}


def test_thresholds_split_distinct_values():
    assert class_thresholds([5, 5, 5]) == []
    assert class_thresholds([1, 2]) == [2]
    assert class_thresholds(range(10)) == [2, 4, 6, 8]


def test_the_shapes_are_svg_paths_for_the_50_states_and_dc_in_the_975_by_610_box():
    shapes = state_shapes()
    assert shapes["view_box"] == "0 0 975 610"
    assert "us-atlas 3.0.1" in shapes["source"] and "ISC" in shapes["source"]
    assert len(shapes["states"]) == 51
    assert shapes["states"]["50"]["name"] == "Vermont" and shapes["states"]["50"]["postal"] == "VT"
    for shape in shapes["states"].values():
        assert re.fullmatch(r"(M-?\d+,-?\d+(l-?\d+,-?\d+)+z)+", shape["d"])

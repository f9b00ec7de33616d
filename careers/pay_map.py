"""The US pay map: each state coloured by its median annual wage, in a few classes of one colour scale.

A presenter: it sorts the states into classes and names them; the template (careers/includes/pay_map.html) draws
an inline SVG from the shapes in ``us_state_shapes.json`` (made once from us-atlas by
scripts/build_us_state_shapes.py) and colours it through CSS classes, since the CSP forbids inline styles.

Classes split the distinct medians into up to five runs of near-equal size, in order: the same value always
falls in the same class, and a higher median never falls in a lower class than a smaller one. A state with no
published median is drawn as "no data" (hatched) and said so in the table.
"""

import json
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .presenters import format_wage

SHAPES_FILE = Path(__file__).resolve().parent / "us_state_shapes.json"
MAX_CLASSES = 5
NO_DATA_CLASS = "pay-map__none"


@cache
def state_shapes() -> dict:
    """{view_box, source, states: {FIPS: {name, postal, d}}}: read once per process (41 KB)."""
    return json.loads(SHAPES_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class MapClass:
    number: int  # 1 (lowest pay) to the number of classes
    low: str
    high: str
    count: int

    @property
    def css_class(self):
        return f"pay-map__c{self.number}"

    @property
    def label(self):
        return self.low if self.low == self.high else f"{self.low} to {self.high}"


@dataclass(frozen=True)
class MapState:
    fips: str
    postal: str
    name: str
    path: str  # SVG path data; empty for an area the map does not draw (a territory)
    median: int | None
    median_text: str
    map_class: MapClass | None
    missing_reason: str = ""

    @property
    def css_class(self):
        return self.map_class.css_class if self.map_class else NO_DATA_CLASS

    @property
    def on_map(self):
        return bool(self.path)

    @property
    def title(self):
        """The tooltip and accessible name of the state's shape."""
        return f"{self.name}: {self.median_text if self.median is not None else self.missing_reason}"


@dataclass(frozen=True)
class PayMap:
    view_box: str
    states: tuple[MapState, ...]  # every state the map draws, in FIPS order
    classes: tuple[MapClass, ...]
    off_map: tuple[MapState, ...]  # areas with figures the map cannot show (Puerto Rico, Guam, Virgin Islands)
    period_label: str
    shapes_source: str

    @property
    def missing(self):
        return [state for state in self.states if state.median is None]

    @property
    def table_rows(self):
        """Every area, drawn or not, by name: the map's text equivalent."""
        return sorted((*self.states, *self.off_map), key=lambda state: state.name)

    @property
    def has_data(self):
        return any(state.median is not None for state in self.states)


def class_thresholds(values) -> list[int]:
    """The lowest value of every class but the first, from the distinct ``values`` split into up to five runs."""
    distinct = sorted(set(values))
    count = min(MAX_CLASSES, len(distinct))
    if count < 2:
        return []
    return [distinct[(len(distinct) * number) // count] for number in range(1, count)]


def pay_map(state_wages, *, period_label="") -> PayMap:
    """The map for ``state_wages``: WageEstimate rows at the state level (area_code is the FIPS code)."""
    shapes = state_shapes()
    by_fips = {row.area_code: row for row in state_wages}
    # The classes come from the states drawn: territories (off the map) are in the table only.
    drawn = [row for row in state_wages if row.area_code in shapes["states"] and row.annual_median is not None]
    thresholds = class_thresholds([row.annual_median for row in drawn])
    members: dict[int, list] = {}
    for row in drawn:
        members.setdefault(bisect_right(thresholds, row.annual_median) + 1, []).append(row)
    classes = {}
    for number, rows in sorted(members.items()):
        low = min(rows, key=lambda row: row.annual_median)
        high = max(rows, key=lambda row: row.annual_median)
        classes[number] = MapClass(
            number=number,
            low=format_wage(low, "annual_median"),
            high=format_wage(high, "annual_median"),
            count=len(rows),
        )

    def present(fips, name, postal, path, row):
        if row is None:
            return MapState(fips, postal, name, path, None, "", None, "no estimate published")
        if row.annual_median is None:
            return MapState(fips, postal, name, path, None, "", None, "not published by BLS")
        map_class = classes[bisect_right(thresholds, row.annual_median) + 1] if path else None
        return MapState(fips, postal, name, path, row.annual_median, format_wage(row, "annual_median"), map_class)

    states = tuple(
        present(fips, shape["name"], shape["postal"], shape["d"], by_fips.get(fips))
        for fips, shape in shapes["states"].items()
    )
    off_map = tuple(
        present(row.area_code, row.area_name, row.state, "", row)
        for row in sorted(state_wages, key=lambda row: row.area_name)
        if row.area_code not in shapes["states"]
    )
    return PayMap(
        view_box=shapes["view_box"],
        states=states,
        classes=tuple(classes.values()),
        off_map=off_map,
        period_label=period_label,
        shapes_source=shapes["source"],
    )

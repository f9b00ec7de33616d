#!/usr/bin/env python3
"""Turn us-atlas's projected state shapes (TopoJSON) into the SVG path data the pay map draws.

Run once, by hand, when the shapes should change; the result (careers/us_state_shapes.json) is shipped in the
repository, so neither Node nor us-atlas is needed to run the site:

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python scripts/build_us_state_shapes.py package/states-albers-10m.json careers/us_state_shapes.json

``states-albers-10m.json`` is already projected with Albers USA (Alaska and Hawaii moved and scaled into insets) to
fit a 975 x 610 box, so this script only decodes TopoJSON (quantized, delta-encoded arcs shared between states) into
one SVG path per state. Coordinates are rounded to whole units of the 975-wide box (1 px at full size): the 10m
shapes carry far more detail than a map this size shows, and whole units make the data about a fifth as large.

us-atlas is by Michael Bostock, ISC licence; its shapes come from the U.S. Census Bureau's cartographic boundary
files (1:10,000,000), which are in the public domain.
"""

import json
import sys
from pathlib import Path

US_ATLAS_VERSION = "3.0.1"
# Census FIPS state code -> USPS abbreviation (the OEWS files give both: AREA and PRIM_STATE).
POSTAL = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE", "11": "DC",
    "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA", "20": "KS", "21": "KY",
    "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT",
    "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND", "39": "OH",
    "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT",
    "50": "VT", "51": "VA", "53": "WA", "54": "WV", "55": "WI", "56": "WY",
}  # fmt: skip


def decode_arcs(topology):
    """Every arc as a list of absolute (x, y) points (TopoJSON stores quantized deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    """A ring is a list of arc indexes; ~i means arc i reversed. Consecutive arcs share their joining point."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def ring_path(points):
    rounded = []
    for x, y in points:
        point = (round(x), round(y))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if len(rounded) < 3:
        return ""  # a sliver smaller than a unit: nothing to draw
    first, *rest = rounded
    # Relative moves after the first point, and a run of moves in one direction merged into one: shorter text for
    # the same shape.
    moves = []
    previous = first
    for point in rest:
        dx, dy = point[0] - previous[0], point[1] - previous[1]
        if moves and moves[-1][0] * dy == moves[-1][1] * dx and moves[-1][0] * dx + moves[-1][1] * dy > 0:
            moves[-1] = (moves[-1][0] + dx, moves[-1][1] + dy)
        else:
            moves.append((dx, dy))
        previous = point
    return f"M{first[0]},{first[1]}" + "".join(f"l{dx},{dy}" for dx, dy in moves) + "z"


def state_path(geometry, arcs):
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)


def build(source: Path) -> dict:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    states = {}
    for geometry in topology["objects"]["states"]["geometries"]:
        fips = geometry["id"]
        states[fips] = {"name": geometry["properties"]["name"], "postal": POSTAL[fips], "d": state_path(geometry, arcs)}
    return {
        "source": f"us-atlas {US_ATLAS_VERSION} states-albers-10m.json (Michael Bostock, ISC licence), from U.S. "
        "Census Bureau cartographic boundary files (public domain); projected with Albers USA",
        "view_box": "0 0 975 610",
        "states": dict(sorted(states.items())),
    }


def main(argv):
    if len(argv) != 3:
        print(__doc__)
        return 2
    result = build(Path(argv[1]))
    Path(argv[2]).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"{len(result['states'])} states written to {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

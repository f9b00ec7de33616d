"""Releases laid out as the publishers lay them out (zips holding their members), made of the test fixtures, and
a manifest pointing at the stand-in publisher (tests/imports/publisher.py) that serves them."""

import io
import zipfile
from pathlib import Path

from .official_layouts import ef_dist_csv, gr_csv, scorecard_institution_csv
from .publisher import Publisher


def make_zip(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buffer.getvalue()


def write_manifest(path: Path, publisher: Publisher, entries: list[dict]) -> Path:
    lines = ["releases = ["]
    for entry in entries:
        fields = {"vintage": "test", "folder": "data", "page": "https://example.org/page", **entry}
        fields["url"] = publisher.url(fields["url"])
        parts = []
        for key, value in fields.items():
            if isinstance(value, list):
                parts.append(f"{key} = [{', '.join(repr(v).replace(chr(39), chr(34)) for v in value)}]")
            elif isinstance(value, bool):
                parts.append(f"{key} = {'true' if value else 'false'}")
            else:
                parts.append(f'{key} = "{value}"')
        lines.append("  { " + ", ".join(parts) + " },")
    lines.append("]")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def publisher_layout(fixtures_dir: Path, spreadsheets: dict) -> tuple[dict[str, bytes], list[dict]]:
    """One release per dataset the site imports: the files to serve, and the manifest entries naming them (IPEDS's
    complete EF_DIST and GR files and the Scorecard's zips in their official layouts, official_layouts.py)."""
    onet = fixtures_dir / "onet" / "db_27_0_text"
    field_of_study = fixtures_dir / "scorecard-field-of-study" / "Most-Recent-Cohorts-Field-of-Study_01152027.csv"
    files = {
        "/cip/CIPCode2020.csv": (fixtures_dir / "cip" / "CIPCode2020.csv").read_bytes(),
        "/cip/CIP2020_SOC2018_Crosswalk.xlsx": spreadsheets["cip-soc"].read_bytes(),
        "/ipeds/HD2024.zip": make_zip({"hd2024.csv": (fixtures_dir / "ipeds-hd" / "hd2024.csv").read_bytes()}),
        "/ipeds/C2023_A.zip": make_zip(
            {"c2023_a.csv": (fixtures_dir / "ipeds-completions" / "c2023_a.csv").read_bytes()}
        ),
        "/bls/oesm25nat.zip": make_zip({"oesm25nat/national_M2025_dl.xlsx": spreadsheets["oews"].read_bytes()}),
        "/emp/occupation.xlsx": spreadsheets["projections"].read_bytes(),
        "/onet/db_27_0_text.zip": make_zip({f"db_27_0_text/{p.name}": p.read_bytes() for p in onet.iterdir()}),
        "/census/2025_Gaz_zcta_national.zip": make_zip(
            {"2025_Gaz_zcta_national.txt": (fixtures_dir / "zcta" / "2025_Gaz_zcta_national.txt").read_bytes()}
        ),
        "/ipeds/EF2023A_DIST.zip": make_zip({"ef2023a_dist.csv": ef_dist_csv()}),
        "/ipeds/GR2023.zip": make_zip({"gr2023.csv": gr_csv()}),
        "/sc/Most-Recent-Cohorts-Institution_06102026.zip": make_zip(
            {"Most-Recent-Cohorts-Institution.csv": scorecard_institution_csv()}
        ),
        "/sc/Most-Recent-Cohorts-Field-of-Study_06102026.zip": make_zip(
            {"Most-Recent-Cohorts-Field-of-Study.csv": field_of_study.read_bytes()}
        ),
    }
    releases = [
        {"dataset": "cip", "url": "/cip/CIPCode2020.csv", "folder": "cip"},
        {"dataset": "cip-soc", "url": "/cip/CIP2020_SOC2018_Crosswalk.xlsx", "folder": "cip"},
        {"dataset": "ipeds-hd", "url": "/ipeds/HD2024.zip", "members": ["hd2024.csv"], "folder": "ipeds"},
        {"dataset": "ipeds-completions", "url": "/ipeds/C2023_A.zip", "members": ["c2023_a.csv"], "folder": "ipeds"},
        {"dataset": "oews", "url": "/bls/oesm25nat.zip", "members": ["national_M2025_dl.xlsx"], "folder": "bls"},
        {"dataset": "projections", "url": "/emp/occupation.xlsx", "folder": "bls"},
        {
            "dataset": "onet",
            "url": "/onet/db_27_0_text.zip",
            "members": ["Occupation Data.txt"],
            "keep_archive": True,
            "folder": "onet",
        },
        {
            "dataset": "zcta",
            "url": "/census/2025_Gaz_zcta_national.zip",
            "members": ["2025_Gaz_zcta_national.txt"],
            "folder": "census",
        },
        {
            "dataset": "ipeds-distance-enrollment",
            "url": "/ipeds/EF2023A_DIST.zip",
            "members": ["ef2023a_dist.csv"],
            "folder": "ipeds",
        },
        {"dataset": "ipeds-graduation", "url": "/ipeds/GR2023.zip", "members": ["gr2023.csv"], "folder": "ipeds"},
        *(
            {
                "dataset": f"scorecard-{dataset}",
                "url": f"/sc/Most-Recent-Cohorts-{file}_06102026.zip",
                "members": [f"Most-Recent-Cohorts-{file}.csv"],
                "save_as": [f"Most-Recent-Cohorts-{file}_06102026.csv"],
                "folder": "scorecard",
            }
            for dataset, file in (("institution", "Institution"), ("field-of-study", "Field-of-Study"))
        ),
    ]
    return files, releases
